// sajeon's pages: copy buttons, and the length of a pasted text shown as it is typed.
"use strict";

// The Clipboard API needs a secure context (127.0.0.1 is one; http://a-host is not):
// elsewhere the old execCommand route still copies.
function sajeonCopy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.sajeon-copy");
  if (!button) return;
  const label = button.querySelector(".sajeon-copy-label");
  const show = (text, state) => {
    if (label) label.textContent = text;
    button.dataset.state = state;
    clearTimeout(button.sajeonTimer);
    button.sajeonTimer = setTimeout(() => {
      if (label) label.textContent = "Copy";
      delete button.dataset.state;
    }, 1500);
  };
  sajeonCopy(button.dataset.copy).then(
    () => show("Copied", "copied"),
    () => show("Copy failed", "failed"),
  );
});

// Characters as Python counts them (code points), which is what the server limits.
function sajeonLength(text) {
  return [...text].length;
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("textarea[data-max]");
  const line = document.getElementById("sajeon-length");
  if (!box || !line) return;
  const most = Number(box.dataset.max);
  const count = line.querySelector(".sajeon-count");
  const over = line.querySelector(".sajeon-over");
  const update = () => {
    const length = sajeonLength(box.value);
    count.textContent = length.toLocaleString("en");
    const tooLong = length > most;
    line.classList.toggle("sajeon-too-long", tooLong);
    over.textContent = tooLong
      ? `: ${(length - most).toLocaleString("en")} too many — shorten the text or paste it in parts`
      : "";
  };
  box.addEventListener("input", update);
  update();
});
