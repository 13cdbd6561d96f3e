#!/usr/bin/python3
"""Makes the per-producer PDF fixtures from spec.json, once, with the Debian tools.

Each producer lays out the same five pages (see spec.json) in its own way:

  reportlab    python3-reportlab, every word drawn by its own operator, no spaces
  libreoffice  libreoffice-writer-nogui, a flat ODT with header, footer and footnotes
  chromium     chromium print-to-PDF, soft hyphens inside long words
  groff        groff's gropdf, justified and hyphenated by troff
  ghostscript  groff's PostScript turned into PDF by ghostscript's ps2pdf
  ocr          the groff pages rasterised (poppler-utils) and read back by tesseract,
               an image with an invisible text layer, as scanners make

`generate.py scanned` writes ../scanned/scan.pdf: the groff pages as images only,
no text layer, for the OCR fallback.

`generate.py encrypted` writes ../encrypted/: the LibreOffice fixture encrypted by
qpdf with an empty user password (an owner password only, as government publishers
restrict printing or copying) in each standard scheme, and once with a user password.

Beside each NAME.pdf it writes NAME.poppler.txt, poppler's pdftotext output (pages
separated by form feeds), the reference the tests score word recall against.

Run it with `make fixtures`; the outputs are committed so tests need none of these
tools. The files differ from run to run only in timestamps and IDs.
"""

import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = json.load(open(os.path.join(HERE, "spec.json"), encoding="utf-8"))
DEJAVU = "/usr/share/fonts/truetype/dejavu/"


def run(*args, **kw):
    subprocess.run(args, check=True, **kw)


def page_blocks(page, unicode_ok):
    """The page's blocks in reading order as (kind, text): heading, caption, para."""
    out = []
    if page.get("caption"):
        out.append(("caption", page["caption"]))
    if page.get("heading"):
        out.append(("heading", page["heading"]))
    for p in page["paragraphs"]:
        out.append(("para", p))
    if unicode_ok and page.get("unicode_paragraph"):
        out.append(("para", page["unicode_paragraph"]))
    return out


# --- reportlab: one drawString per word ---------------------------------------

def reportlab(out):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuB", DEJAVU + "DejaVuSans-Bold.ttf"))
    c = canvas.Canvas(out, pagesize=A4)
    c.setTitle(SPEC["title"])
    w, h = A4
    left, right = 72, w - 72

    def words(text, font, size, y, lead):
        x = left
        for word in text.split():
            ww = pdfmetrics.stringWidth(word, font, size)
            if x > left and x + ww > right:
                x, y = left, y - lead
            c.setFont(font, size)
            c.drawString(x, y, word)  # its own text object: no space is written
            x += ww + pdfmetrics.stringWidth(" ", font, size)
        return y - lead

    for n, page in enumerate(SPEC["pages"], 1):
        if page["header"]:
            words(SPEC["title"], "DejaVu", 8, h - 40, 10)
        y = h - 90
        for kind, text in page_blocks(page, True):
            if kind == "heading":
                y = words(text, "DejaVuB", 13, y, 16) - 6
            elif kind == "caption":
                y = words(text, "DejaVu", 8.5, y, 11) - 8
            else:
                y = words(text, "DejaVu", 10.5, y, 14) - 6
        fy = 90
        for f in page.get("footnotes", []):
            fy = words(f, "DejaVu", 8, fy, 10)
        words(str(n), "DejaVu", 9, 40, 10)
        c.showPage()
    c.save()


# --- LibreOffice Writer: a flat ODT -------------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title></office:meta>
<office:font-face-decls>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/>
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="10.5pt" fo:language="en" fo:country="GB"/>
 </style:default-style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.3cm" fo:text-align="start"/>
  <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Caption" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.4cm" fo:text-align="start"/>
  <style:text-properties fo:font-size="8.5pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Small" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Running">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="BreakHeading" style:family="paragraph" style:parent-style-name="Heading" style:master-page-name="Running">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="BreakCaption" style:family="paragraph" style:parent-style-name="Caption" style:master-page-name="Running">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:footer><text:p text:style-name="Small"><text:page-number text:select-page="current"/></text:p></style:footer>
 </style:master-page>
 <style:master-page style:name="Running" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Small">{title}</text:p></style:header>
  <style:footer><text:p text:style-name="Small"><text:page-number text:select-page="current"/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""


def libreoffice(out):
    e = html.escape
    body = []
    note = 0
    for n, page in enumerate(SPEC["pages"], 1):
        for i, (kind, text) in enumerate(page_blocks(page, True)):
            style = {"heading": "Heading", "caption": "Caption", "para": "Standard"}[kind]
            if i == 0 and n > 1:
                style = {"Heading": "BreakHeading", "Caption": "BreakCaption"}.get(style, "Break")
            para = e(text)
            # The page's footnotes hang on its first paragraph, so that they stand at
            # the foot of this page.
            if i == 1 or (i == 0 and len(page["paragraphs"]) == 1):
                for f in page.get("footnotes", []):
                    note += 1
                    num, _, ftext = f.partition(" ")
                    para += ('<text:note text:id="n%d" text:note-class="footnote"><text:note-citation>%s</text:note-citation>'
                             '<text:note-body><text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>') % (note, num, e(ftext))
            body.append('<text:p text:style-name="%s">%s</text:p>' % (style, para))
    doc = FODT_HEAD.format(title=e(SPEC["title"])) + "\n".join(body) + "\n</office:text></office:body></office:document>\n"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "libreoffice.fodt")
        open(src, "w", encoding="utf-8").write(doc)
        run("soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
            "--convert-to", "pdf", "--outdir", tmp, src, stdout=subprocess.DEVNULL)
        shutil.move(os.path.join(tmp, "libreoffice.pdf"), out)


# --- Chromium print-to-PDF ----------------------------------------------------

CSS = """
@page { size: A4; margin: 0 }
body { margin: 0; font-family: 'DejaVu Serif', serif; font-size: 10.5pt; line-height: 1.35 }
.page { position: relative; width: 210mm; height: 297mm; box-sizing: border-box;
        padding: 28mm 25mm 0 25mm; page-break-after: always; overflow: hidden }
.page:last-child { page-break-after: auto }
.header { position: absolute; top: 12mm; left: 25mm; right: 25mm; font-size: 8pt; text-align: center }
.foot { position: absolute; bottom: 30mm; left: 25mm; right: 25mm; font-size: 8pt }
.num { position: absolute; bottom: 12mm; left: 0; right: 0; font-size: 9pt; text-align: center }
h1 { font-size: 13pt; margin: 0 0 4mm }
p { margin: 0 0 2.5mm; text-align: justify; hyphens: manual }
.caption { font-size: 8.5pt; font-style: italic; margin-bottom: 4mm }
"""


def shy(text):
    """Soft hyphens inside long words, as a CMS's hyphenator writes them."""
    out = []
    for w in text.split(" "):
        if len(w) >= 10 and w.isalpha():
            w = w[:4] + "\u00ad" + w[4:8] + "\u00ad" + w[8:]
        out.append(w)
    return " ".join(out)


def chromium(out):
    e = html.escape
    parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>'
             % (e(SPEC["title"]), CSS)]
    for n, page in enumerate(SPEC["pages"], 1):
        parts.append('<div class="page">')
        if page["header"]:
            parts.append('<div class="header">%s</div>' % e(SPEC["title"]))
        for kind, text in page_blocks(page, True):
            if kind == "heading":
                parts.append("<h1>%s</h1>" % e(text))
            elif kind == "caption":
                parts.append('<p class="caption">%s</p>' % e(text))
            else:
                parts.append("<p>%s</p>" % e(shy(text)))
        if page.get("footnotes"):
            parts.append('<div class="foot">%s</div>' % "<br>".join(e(f) for f in page["footnotes"]))
        parts.append('<div class="num">%d</div></div>' % n)
    parts.append("</body></html>\n")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "chromium.html")
        open(src, "w", encoding="utf-8").write("".join(parts))
        run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--user-data-dir=" + tmp + "/profile", "--print-to-pdf=" + out, "file://" + src,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --- groff (gropdf) and ghostscript (ps2pdf) ----------------------------------

def troff():
    """The pages as plain troff requests: explicit positions, justified, hyphenated."""
    def esc(s):
        s = s.replace("\\", "\\e").replace("\u2014", "\\(em").replace("\u2019", "\\(cq")
        return "\n".join(("\\&" + l if l.startswith((".", "'")) else l) for l in s.split("\n"))

    out = [".pl 29.7c", ".po 2.5c", ".ll 16c", ".lt 16c", ".nr HY 1", ".hy 6", ".ad b", ".ps 10.5", ".vs 14p"]
    for n, page in enumerate(SPEC["pages"], 1):
        if n > 1:
            out.append(".bp")
        if page["header"]:
            out += [".sp |1.5c", ".ps 8", ".tl ''%s''" % esc(SPEC["title"]).replace("'", "\\(cq"), ".ps 10.5"]
        out.append(".sp |3c")
        for kind, text in page_blocks(page, False):
            if kind == "heading":
                out += [".ft B", ".ps 13", ".ad l", esc(text), ".br", ".ad b", ".ps 10.5", ".ft R", ".sp 0.5"]
            elif kind == "caption":
                out += [".ft I", ".ps 8.5", ".ad l", esc(text), ".br", ".ad b", ".ps 10.5", ".ft R", ".sp 0.5"]
            else:
                out += [".fi", esc(text), ".br", ".sp 0.4"]
        if page.get("footnotes"):
            out += [".sp |24.5c", ".ps 8", ".vs 10p"]
            for f in page["footnotes"]:
                out += [esc(f), ".br"]
            out += [".ps 10.5", ".vs 14p"]
        out += [".sp |27c", ".ce", str(n)]
    return "\n".join(out) + "\n"


def groff(out):
    with open(out, "wb") as f:
        run("groff", "-k", "-Tpdf", "-P-pa4", "-dpaper=a4", input=troff().encode("utf-8"), stdout=f)


def ghostscript(out):
    with tempfile.TemporaryDirectory() as tmp:
        ps = os.path.join(tmp, "doc.ps")
        with open(ps, "wb") as f:
            run("groff", "-k", "-Tps", "-P-pa4", "-dpaper=a4", input=troff().encode("utf-8"), stdout=f)
        run("ps2pdf", "-sPAPERSIZE=a4", ps, out)


# --- OCR: the groff pages as images with tesseract's text layer ----------------

def ocr(out):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src.pdf")
        groff(src)
        run("pdftoppm", "-r", "150", "-gray", "-png", src, os.path.join(tmp, "p"))
        pages = sorted(p for p in os.listdir(tmp) if p.startswith("p") and p.endswith(".png"))
        pdfs = []
        for p in pages:
            base = os.path.join(tmp, p[:-4])
            run("tesseract", base + ".png", base, "-l", "eng", "pdf",
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            pdfs.append(base + ".pdf")
        run("pdfunite", *pdfs, out)


# --- a scan without a text layer: the groff pages as images -------------------

def scanned():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    outdir = os.path.join(HERE, "..", "scanned")
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, "scan.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src.pdf")
        groff(src)
        run("pdftoppm", "-r", "150", "-gray", "-png", src, os.path.join(tmp, "p"))
        c = canvas.Canvas(out, pagesize=A4)
        for p in sorted(p for p in os.listdir(tmp) if p.endswith(".png")):
            c.drawImage(os.path.join(tmp, p), 0, 0, width=A4[0], height=A4[1])
            c.showPage()
        c.save()
    print("wrote", os.path.relpath(out))


# --- encryption: qpdf over the LibreOffice fixture ----------------------------

ENCRYPTIONS = {
    "rc4-40": ["", "owner", "40"],
    "rc4-128": ["", "owner", "128", "--use-aes=n"],
    "aes-128": ["", "owner", "128", "--use-aes=y"],
    "aes-256": ["", "owner", "256"],
    "user-password": ["secret", "owner", "256"],
}


def encrypted():
    src = os.path.join(HERE, "libreoffice.pdf")
    outdir = os.path.join(HERE, "..", "encrypted")
    os.makedirs(outdir, exist_ok=True)
    for name, args in ENCRYPTIONS.items():
        out = os.path.join(outdir, name + ".pdf")
        run("qpdf", "--allow-weak-crypto", "--encrypt", *args, "--", src, out)
        print("wrote", os.path.relpath(out))


PRODUCERS = {
    "reportlab": reportlab,
    "libreoffice": libreoffice,
    "chromium": chromium,
    "groff": groff,
    "ghostscript": ghostscript,
    "ocr": ocr,
}


def main(names):
    if names == ["encrypted"]:
        encrypted()
        return
    if names == ["scanned"]:
        scanned()
        return
    for name in names or PRODUCERS:
        out = os.path.join(HERE, name + ".pdf")
        PRODUCERS[name](out)
        run("pdftotext", "-enc", "UTF-8", out, os.path.join(HERE, name + ".poppler.txt"))
        print("wrote", os.path.relpath(out))


if __name__ == "__main__":
    main(sys.argv[1:])
