// Keputusan Camat: the few things the pages do in the browser. Works without it, too.
"use strict";

(function () {
  // A result page still being worked on: fetch it again and swap the results in place.
  function watch() {
    var box = document.querySelector("[data-pantau]");
    if (!box) return;
    var delay = 1200;
    function poll() {
      fetch(window.location.href, { cache: "no-store", credentials: "same-origin" })
        .then(function (answer) {
          if (!answer.ok) throw new Error(String(answer.status));
          return answer.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("#hasil");
          if (!fresh) return;
          if (fresh.innerHTML !== box.innerHTML) box.innerHTML = fresh.innerHTML;
          if (fresh.hasAttribute("data-pantau")) {
            window.setTimeout(poll, delay);
          } else {
            box.removeAttribute("data-pantau");
          }
        })
        .catch(function () {
          delay = Math.min(delay * 2, 10000);
          window.setTimeout(poll, delay);
        });
    }
    window.setTimeout(poll, delay);
  }

  // Upload forms: say at once when a file is too big or there are too many, and show the upload going.
  function guard(form) {
    var limit = Number(form.getAttribute("data-batas")) || 0;
    var most = Number(form.getAttribute("data-paling-banyak")) || 0;
    var message = form.querySelector(".pesan-unggah");
    var inputs = form.querySelectorAll("input[type=file]");
    function problem() {
      var count = 0;
      for (var i = 0; i < inputs.length; i++) {
        var files = inputs[i].files || [];
        count += files.length;
        for (var j = 0; j < files.length; j++) {
          if (limit && files[j].size > limit) {
            return "Berkas " + files[j].name + " lebih besar dari batas " +
              Math.round(limit / 1048576) + " MB.";
          }
        }
      }
      if (most && count > most) return "Paling banyak " + most + " berkas sekali unggah.";
      return "";
    }
    function show(text) {
      if (!message) return;
      message.textContent = text;
      message.hidden = !text;
    }
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].addEventListener("change", function () { show(problem()); });
    }
    form.addEventListener("submit", function (event) {
      var text = problem();
      show(text);
      if (text) {
        event.preventDefault();
        return;
      }
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.setAttribute("data-teks", button.textContent);
        button.disabled = true;
        button.textContent = "Mengunggah…";
      }
    });
  }

  // Coming back to a page from the browser's history: the button must work again.
  window.addEventListener("pageshow", function () {
    var buttons = document.querySelectorAll("form.unggah button[type=submit][disabled]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = false;
      buttons[i].textContent = buttons[i].getAttribute("data-teks") || buttons[i].textContent;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form.unggah");
    for (var i = 0; i < forms.length; i++) guard(forms[i]);
    watch();
  });
})();
