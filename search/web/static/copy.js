// Copy buttons: shown only when JavaScript runs (the text stays selectable without it).
document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
  var target = document.getElementById(button.dataset.copy);
  if (!target || !navigator.clipboard) return;
  var label = button.textContent;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(target.value || target.textContent).then(function () {
      button.textContent = '✓ ' + label;
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
