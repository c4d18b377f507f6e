// briefer's page: drag and drop onto the upload form, and click-to-highlight provenance.
// Plain JavaScript, no build step. Article text is only ever set with textContent or
// wrapped with DOM ranges, never parsed as HTML.
"use strict";

(function () {
  const form = document.getElementById("upload");
  if (form) setUpUpload(form);
  const frame = document.getElementById("card");
  if (frame) setUpCard(frame, document.getElementById("source"));

  // ---- Upload: choose, drop or paste; a chosen or dropped file is sent at once. ----
  function setUpUpload(form) {
    const input = form.querySelector("#file");
    const zone = form.querySelector("#dropzone");
    const fileName = form.querySelector("#file-name");
    const limit = Number(form.dataset.limitBytes);

    function send() {
      const file = input.files[0];
      if (file && file.size > limit) {
        showError("The file is " + megabytes(file.size) + ", over the " + megabytes(limit) +
          " limit; choose a shorter document.");
        input.value = "";
        return;
      }
      if (file) fileName.textContent = file.name;
      form.requestSubmit();
    }

    input.addEventListener("change", function () { if (input.files.length) send(); });
    form.addEventListener("submit", function () {
      form.classList.add("is-busy");
      form.querySelector("#busy").hidden = false;
      form.querySelector("#submit").disabled = true;
    });
    // A file dropped anywhere on the page counts, rather than the browser opening it.
    window.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("is-over");
    });
    window.addEventListener("dragleave", function (event) {
      if (!event.relatedTarget) zone.classList.remove("is-over");
    });
    window.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("is-over");
      const files = event.dataTransfer && event.dataTransfer.files;
      if (!files || !files.length) return;
      input.files = files;
      send();
    });
  }

  function megabytes(size) { return (size / 1e6).toFixed(1) + " MB"; }

  function showError(message) {
    let box = document.getElementById("error");
    if (!box) {
      box = document.createElement("div");
      box.id = "error";
      box.className = "alert";
      box.setAttribute("role", "alert");
      document.querySelector(".topbar").after(box);
    }
    box.textContent = "";
    const strong = document.createElement("strong");
    strong.textContent = "Could not brief this. ";
    box.append(strong, message);
  }

  // ---- Card: clicking a line highlights its provenance span in the source. ----
  function setUpCard(frame, source) {
    const where = document.getElementById("where");
    let attached = null;

    function attach() {
      const doc = frame.contentDocument;
      if (!doc || doc === attached || !doc.querySelector(".src")) return;
      attached = doc;
      doc.addEventListener("click", function (event) {
        const line = event.target.closest(".src");
        if (line) select(doc, line);
      });
      doc.addEventListener("keydown", function (event) {
        const line = event.target.closest && event.target.closest(".src");
        if (line && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          select(doc, line);
        }
      });
      document.body.classList.add("card-ready");
    }

    frame.addEventListener("load", attach);
    attach(); // the frame may have loaded before this script ran

    function select(doc, line) {
      doc.querySelectorAll(".src.active").forEach(function (el) { el.classList.remove("active"); });
      line.classList.add("active");
      const span = {
        paragraph: Number(line.dataset.paragraph),
        start: Number(line.dataset.start),
        end: Number(line.dataset.end),
      };
      const mark = highlight(span);
      if (!mark) return;
      where.textContent = describe(line.dataset.kind) + " · ¶" + (span.paragraph + 1) +
        " · characters " + span.start + "–" + span.end + " of the article text";
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }

    function clear() {
      source.querySelectorAll("mark.hl").forEach(function (mark) {
        const parent = mark.parentNode;
        parent.replaceChild(document.createTextNode(mark.textContent), mark);
        parent.normalize();
      });
      source.querySelectorAll(".para.current").forEach(function (el) {
        el.classList.remove("current");
      });
    }

    // Wrap article.text[start:end] in a <mark>; each paragraph element holds exactly its
    // own text, starting at data-start, so the offsets are plain subtraction.
    function highlight(span) {
      clear();
      const para = source.querySelector('[data-paragraph="' + span.paragraph + '"]');
      if (!para || !para.firstChild) return null;
      const base = Number(para.dataset.start);
      const text = para.firstChild;
      if (span.start < base || span.end - base > text.length) return null;
      const range = document.createRange();
      range.setStart(text, span.start - base);
      range.setEnd(text, span.end - base);
      const mark = document.createElement("mark");
      mark.className = "hl";
      mark.dataset.paragraph = String(span.paragraph);
      mark.dataset.start = String(span.start);
      mark.dataset.end = String(span.end);
      range.surroundContents(mark);
      para.classList.add("current");
      return mark;
    }
  }

  function describe(kind) {
    const names = { bottom_line: "Bottom line", quote: "Quote", recommendation: "Recommendation" };
    const text = names[kind] || kind || "Line";
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
})();
