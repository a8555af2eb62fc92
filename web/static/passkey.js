// finsam's passkeys (WebAuthn): a form marked data-passkey="create" (add a passkey) or
// "get" (sign in, or justera a protokoll) carries the server's options as JSON in
// data-options. On submit this asks the browser's authenticator, puts its answer as
// JSON into the form's hidden "credential" field and posts the form as usual, with its
// CSRF field: no fetch, nothing inline (the CSP admits script-src 'self' only).
"use strict";
(function () {
  function bytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var bin = atob(b64 + "===".slice((b64.length + 3) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function text(buffer) {
    var all = new Uint8Array(buffer), bin = "";
    for (var i = 0; i < all.length; i++) bin += String.fromCharCode(all[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: c.type, id: bytes(c.id), transports: c.transports };
    });
  }
  function options(kind, o) {
    o.challenge = bytes(o.challenge);
    if (kind === "create") {
      o.user.id = bytes(o.user.id);
      o.excludeCredentials = descriptors(o.excludeCredentials);
    } else {
      o.allowCredentials = descriptors(o.allowCredentials);
    }
    return o;
  }
  function answer(cred) {
    var r = cred.response;
    var out = {
      id: cred.id, rawId: text(cred.rawId), type: cred.type,
      clientExtensionResults: cred.getClientExtensionResults(),
      response: { clientDataJSON: text(r.clientDataJSON) }
    };
    if (cred.authenticatorAttachment) out.authenticatorAttachment = cred.authenticatorAttachment;
    if (r.attestationObject) {
      out.response.attestationObject = text(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    }
    if (r.authenticatorData) {
      out.response.authenticatorData = text(r.authenticatorData);
      out.response.signature = text(r.signature);
      if (r.userHandle) out.response.userHandle = text(r.userHandle);
    }
    return JSON.stringify(out);
  }
  function say(form, message) {
    var status = document.querySelector("[role=status]");
    if (status) {
      status.textContent = message;
      status.classList.add("warn");
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[data-passkey]"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!window.PublicKeyCredential || !navigator.credentials) {
        say(form, "Webbläsaren kan inte använda passnycklar.");
        return;
      }
      var kind = form.getAttribute("data-passkey");
      var publicKey = options(kind, JSON.parse(form.getAttribute("data-options")));
      var asked = kind === "create"
        ? navigator.credentials.create({ publicKey: publicKey })
        : navigator.credentials.get({ publicKey: publicKey });
      asked.then(function (cred) {
        form.querySelector("input[name=credential]").value = answer(cred);
        form.submit();
      }, function (e) {
        say(form, e && e.name === "NotAllowedError"
          ? "Passnyckeln användes inte (avbrutet, eller ingen nyckel för den här sidan)."
          : "Passnyckeln svarade inte: försök igen.");
      });
    });
  });
})();
