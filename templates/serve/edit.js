// briefer's card editor: remove, move and pin the card's items, swap the bottom line for a
// candidate, add a list's candidate (a removed item becomes one), retype a label, undo. Every edit is sent whole to PUT /api/briefings/{id},
// which checks each excerpt against the article and re-fits the card; the page only ever
// shows what the server accepted. Text is set with textContent, never parsed as HTML.
"use strict";

(function () {
  const box = document.getElementById("editor");
  if (!box) return;
  const api = box.dataset.api;
  const frame = document.getElementById("card");
  const LISTS = [
    ["key_arguments", "Key arguments"],
    ["figures", "Figures"],
    ["quotes", "Quotes"],
    ["recommendations", "Recommendations"],
  ];
  let current = null; // the briefing as the server last saved it
  const history = []; // the briefings before each accepted edit, for undo
  let version = 0;
  let busy = false;

  fetch(api, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (result) { current = result.briefing; draw(); });

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function short(text, words) {
    const parts = String(text).split(/\s+/);
    return parts.slice(0, words).join(" ") + (parts.length > words ? "…" : "");
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function pins(b) { return (b.edits && b.edits.pinned) || []; }

  // A list's candidates: the ranker's next picks, and items removed from the card.
  function spare(b, name) { return (b.candidates && b.candidates[name]) || []; }

  function describe(name, item) {
    if (name === "key_arguments") return item.label + " · " + short(item.claim.text, 12);
    if (name === "figures") return item.value + " · " + short(item.context.text, 10);
    return "¶" + (item.provenance.paragraph + 1) + " · " + short(item.text, 14);
  }

  // Pins name items by position; an edit moves items, so pins follow the items themselves.
  function edit(change) {
    if (busy || !current) return;
    const next = clone(current);
    const pinned = pins(next).map(function (ref) {
      const m = /^(\w+)\[(\d+)\]$/.exec(ref);
      return m ? [m[1], next[m[1]][Number(m[2])]] : null;
    }).filter(Boolean);
    const toggled = change(next, pinned) || pinned;
    const refs = toggled
      .map(function (p) { return p[0] + "[" + next[p[0]].indexOf(p[1]) + "]"; })
      .filter(function (ref) { return !/\[-1\]$/.test(ref); });
    next.edits = { changes: [], pinned: refs };
    save(next).then(function (saved) {
      if (saved) { history.push(current); current = saved; refresh(); }
    });
  }

  function undo() {
    if (busy || !history.length) return;
    const previous = history[history.length - 1];
    save(clone(previous)).then(function (saved) {
      if (saved) { history.pop(); current = saved; refresh(); }
    });
  }

  function save(briefing) {
    busy = true;
    status("Saving and re-fitting the card…");
    return fetch(api, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(briefing),
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (answer) {
      busy = false;
      if (!answer.ok) { status(""); problem(answer.body.detail || "The edit was refused."); return null; }
      problem("");
      return answer.body.briefing;
    }, function () {
      busy = false;
      problem("The server could not be reached; the card is unchanged.");
      return null;
    });
  }

  function refresh() {
    version += 1;
    const id = box.dataset.id;
    if (frame) frame.src = "/briefings/" + id + "/card?v=" + version;
    ["download-pdf", "download-json"].forEach(function (name) {
      const link = document.getElementById(name);
      if (link) link.href = link.getAttribute("href").split("?")[0] + "?v=" + version;
    });
    draw();
    const n = current.edits ? current.edits.changes.length : 0;
    status(n ? "Saved · card re-fitted to one page · " + n + " change(s)" : "Saved · as briefed");
  }

  function status(text) { document.getElementById("edit-status").textContent = text; }

  function problem(text) {
    const box = document.getElementById("edit-error");
    box.textContent = text;
    box.hidden = !text;
  }

  function draw() {
    const body = document.getElementById("edit-body");
    body.textContent = "";
    document.getElementById("undo").disabled = !history.length;
    body.append(bottomLine());
    LISTS.forEach(function (pair) {
      if (current[pair[0]].length || spare(current, pair[0]).length) body.append(list(pair[0], pair[1]));
    });
  }

  function bottomLine() {
    const part = el("div", { class: "ed-part" });
    part.append(el("h3", {}, "Bottom line"));
    const b = current.bottom_line;
    part.append(el("p", { class: "ed-text", id: "edit-bottom-line" }, b ? b.text : "(none)"));
    const candidates = (current.candidates && current.candidates.bottom_line) || [];
    if (!candidates.length) return part;
    const row = el("div", { class: "ed-row" });
    const pick = el("select", { id: "swap-select", "aria-label": "Candidate bottom lines" });
    candidates.forEach(function (c, i) {
      pick.append(el("option", { value: String(i) }, "¶" + (c.provenance.paragraph + 1) + " · " + short(c.text, 14)));
    });
    const swap = el("button", { type: "button", id: "swap", class: "ed-btn" }, "Swap in");
    swap.addEventListener("click", function () {
      const k = Number(pick.value);
      edit(function (next) {
        const chosen = next.candidates.bottom_line[k];
        if (next.bottom_line) next.candidates.bottom_line[k] = next.bottom_line;
        else next.candidates.bottom_line.splice(k, 1);
        next.bottom_line = chosen;
      });
    });
    row.append(pick, swap);
    part.append(row);
    return part;
  }

  function list(name, title) {
    const part = el("div", { class: "ed-part" });
    part.append(el("h3", {}, title));
    const items = el("ol", { class: "ed-list", "data-list": name });
    const pinned = pins(current);
    current[name].forEach(function (item, i) {
      const ref = name + "[" + i + "]";
      const li = el("li", { class: "ed-item" + (pinned.indexOf(ref) >= 0 ? " is-pinned" : "") });
      const main = el("div", { class: "ed-main" });
      if (name === "key_arguments") {
        const label = el("input", { type: "text", class: "ed-label", "data-label": String(i),
          maxlength: "80", "aria-label": "Label of key argument " + (i + 1) });
        label.value = item.label;
        label.addEventListener("change", function () {
          const value = label.value.trim();
          if (!value || value === item.label) { label.value = item.label; return; }
          edit(function (next) { next.key_arguments[i].label = value; });
        });
        main.append(label);
        if (item.label_retyped) main.append(el("span", { class: "ed-retyped" }, "label retyped"));
        main.append(el("span", { class: "ed-text" }, short(item.claim.text, 18)));
      } else if (name === "figures") {
        main.append(el("strong", {}, item.value + " "), el("span", { class: "ed-text" }, short(item.context.text, 14)));
      } else {
        main.append(el("span", { class: "ed-text" }, short(item.text, 18)));
        if (item.speaker) main.append(el("span", { class: "ed-who" }, " — " + item.speaker));
      }
      li.append(main, tools(name, i, pinned.indexOf(ref) >= 0));
      items.append(li);
    });
    part.append(items);
    const waiting = spare(current, name);
    if (waiting.length) part.append(adder(name, waiting));
    return part;
  }

  // Adds a candidate at the end of its list, pinned so the re-fitted card keeps it.
  function adder(name, waiting) {
    const row = el("div", { class: "ed-row ed-add" });
    const pick = el("select", { "data-candidates": name, "aria-label": "Candidate " + name.replace("_", " ") });
    waiting.forEach(function (item, k) { pick.append(el("option", { value: String(k) }, describe(name, item))); });
    const add = el("button", { type: "button", class: "ed-btn", "data-add": name }, "Add to card");
    add.addEventListener("click", function () {
      const k = Number(pick.value);
      edit(function (next, pinned) {
        const item = next.candidates[name].splice(k, 1)[0];
        next[name].push(item);
        return pinned.concat([[name, item]]);
      });
    });
    row.append(pick, add);
    return row;
  }

  function tools(name, i, isPinned) {
    const bar = el("span", { class: "ed-tools" });
    const count = current[name].length;
    [["up", "↑", "Move up", i === 0], ["down", "↓", "Move down", i === count - 1],
     ["pin", isPinned ? "Unpin" : "Pin", isPinned ? "Unpin: may drop to fit" : "Pin: keep when the card must drop items to fit", false],
     ["remove", "✕", "Remove from the card", false]].forEach(function (t) {
      const button = el("button", { type: "button", class: "ed-btn ed-" + t[0], title: t[2],
        "aria-label": t[2], "data-action": t[0], "data-list": name, "data-index": String(i) }, t[1]);
      button.disabled = t[3];
      button.addEventListener("click", function () { act(t[0], name, i); });
      bar.append(button);
    });
    return bar;
  }

  function act(action, name, i) {
    edit(function (next, pinned) {
      const items = next[name];
      if (action === "remove") {
        const removed = items.splice(i, 1)[0];
        if (next.candidates) next.candidates[name] = [removed].concat(next.candidates[name] || []);
      }
      if (action === "up" || action === "down") {
        const j = action === "up" ? i - 1 : i + 1;
        const moved = items[i];
        items[i] = items[j];
        items[j] = moved;
      }
      if (action === "pin") {
        const item = items[i];
        const kept = pinned.filter(function (p) { return p[1] !== item; });
        return kept.length === pinned.length ? kept.concat([[name, item]]) : kept;
      }
      return null;
    });
  }

  document.getElementById("undo").addEventListener("click", undo);
})();
