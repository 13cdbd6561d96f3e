// Copy buttons: shown only when JavaScript runs (the text stays selectable without it).
// The status beside the button says when the text is on the clipboard; browsers
// without the Clipboard API copy the selected text instead.
document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
  var target = document.getElementById(button.dataset.copy);
  if (!target) return;
  var status = button.parentNode.querySelector('.copy-status');
  var say = function (text) {
    if (!status) return;
    status.textContent = text;
    setTimeout(function () { status.textContent = ''; }, 4000);
  };
  var fallback = function () {
    target.focus();
    target.select();
    try {
      if (document.execCommand('copy')) { say(button.dataset.done); return; }
    } catch (e) { /* not supported: the text stays selected */ }
  };
  button.hidden = false;
  button.addEventListener('click', function () {
    var text = target.value || target.textContent;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(button.dataset.done); }, fallback);
    } else {
      fallback();
    }
  });
});
