// Chat console: plays a LINE user through the emulator's /_emulator API and renders the bot's
// messages close to LINE's look (text, quick replies, flex bubbles/carousels, buttons, templates).
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  const API = (params.get("emulator") || "/_line") + "/_emulator";
  const $ = (id) => document.getElementById(id);
  const chat = $("chat"), quick = $("quick"), input = $("text"), select = $("user-select");
  let userId = params.get("user") || localStorage.getItem("console-user") || "";
  let lastId = 0, polling = 0;

  async function api(path, options = {}) {
    const response = await fetch(API + path, {
      headers: { "Content-Type": "application/json" }, ...options,
    });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }

  const sendAction = (action) => api(`/users/${encodeURIComponent(userId)}/send`, {
    method: "POST", body: JSON.stringify(action),
  }).catch((err) => system(`ส่งไม่สำเร็จ: ${err.message}`));

  function sendText(text) {
    if (!text.trim()) return;
    quick.replaceChildren();
    return sendAction({ type: "text", text });
  }

  function runAction(action) {
    if (!action) return;
    quick.replaceChildren();
    if (action.type === "postback") {
      const body = { type: "postback", data: action.data };
      if (action.displayText) body.displayText = action.displayText;
      return sendAction(body);
    }
    if (action.type === "message") return sendText(action.text);
    if (action.type === "uri") return window.open(action.uri, "_blank", "noopener");
    if (action.type === "datetimepicker") {
      const value = prompt(action.label || "วันที่", new Date().toISOString().slice(0, 10));
      if (value) return sendAction({ type: "postback", data: action.data, params: { date: value } });
    }
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function system(text) { chat.append(el("div", "system", text)); scroll(); }
  function scroll() { chat.scrollTop = chat.scrollHeight; }

  // ---- flex ----------------------------------------------------------------------------------
  const SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  function flexNode(node) {
    switch (node.type) {
      case "bubble": return bubble(node);
      case "carousel": {
        const wrap = el("div", "carousel");
        node.contents.forEach((b) => wrap.append(bubble(b)));
        return wrap;
      }
      case "box": {
        const box = el("div", `box ${node.layout}`);
        box.style.gap = `${SPACING[node.spacing] ?? 0}px`;
        if (node.margin) box.style.marginTop = `${SPACING[node.margin] ?? 0}px`;
        if (node.flex !== undefined) box.style.flex = node.flex;
        if (node.backgroundColor) box.style.background = node.backgroundColor;
        if (node.paddingAll) box.style.padding = node.paddingAll;
        (node.contents || []).forEach((c) => box.append(flexNode(c)));
        return box;
      }
      case "text": {
        const text = el("div", `ftext size-${node.size || "md"} ${node.wrap ? "wrap" : "nowrap"}`, node.text);
        if (node.color) text.style.color = node.color;
        if (node.weight === "bold") text.style.fontWeight = "700";
        if (node.flex !== undefined) text.style.flex = node.flex;
        if (node.maxLines) { text.style.display = "-webkit-box"; text.style.webkitLineClamp = node.maxLines;
          text.style.webkitBoxOrient = "vertical"; text.style.overflow = "hidden"; }
        if (node.action) { text.style.cursor = "pointer"; text.onclick = () => runAction(node.action); }
        return text;
      }
      case "button": {
        const button = el("button", `fbutton ${node.style || "link"}`, node.action.label || "");
        button.type = "button";
        if (node.color && node.style === "primary") button.style.background = node.color;
        if (node.flex !== undefined) button.style.flex = node.flex;
        button.onclick = () => runAction(node.action);
        return button;
      }
      case "separator": return el("hr", "separator");
      case "filler": { const f = el("div"); f.style.flex = 1; return f; }
      case "image": case "icon": {
        const img = el("img"); img.src = node.url; img.alt = "";
        img.style.maxWidth = "100%"; if (node.type === "icon") img.style.width = "16px";
        return img;
      }
      case "span": return el("span", "", node.text);
      default: return el("div", "ftext size-xs", `[${node.type}]`);
    }
  }

  function bubble(node) {
    const card = el("div", `flex-bubble ${node.size || ""}`);
    for (const part of ["header", "hero", "body", "footer"]) {
      if (!node[part]) continue;
      const section = el("div", `section ${part}`);
      section.append(flexNode(node[part]));
      card.append(section);
    }
    return card;
  }

  function template(t) {
    const card = el("div", "template");
    if (t.title) card.append(el("div", "ftext size-md", t.title));
    card.append(el("div", "ftext size-sm wrap", t.text || ""));
    const actions = t.actions || [];
    actions.forEach((a) => {
      const b = el("button", "fbutton secondary", a.label); b.type = "button"; b.onclick = () => runAction(a);
      card.append(b);
    });
    if (t.type === "carousel") {
      const wrap = el("div", "carousel");
      t.columns.forEach((c) => wrap.append(template({ ...c, type: "buttons" })));
      return wrap;
    }
    return card;
  }

  function renderMessage(message) {
    switch (message.type) {
      case "text": return el("div", "msg-text", message.text);
      case "flex": return flexNode(message.contents);
      case "template": return template(message.template);
      case "sticker": return el("div", "sticker", "🙂");
      case "image": { const img = el("img"); img.src = message.previewImageUrl || message.originalContentUrl || "";
        img.style.maxWidth = "200px"; img.style.borderRadius = "12px"; return img; }
      case "location": return el("div", "msg-text", `📍 ${message.title || message.address || "ตำแหน่ง"}`);
      default: return el("div", "msg-text", `[${message.type}]`);
    }
  }

  function addEntry(entry) {
    const fromUser = entry.from === "user";
    const row = el("div", `row ${fromUser ? "user" : "bot"}`);
    row.dataset.id = entry.id;
    if (!fromUser) row.append(el("div", "avatar", "สดช."));
    row.append(renderMessage(entry.message));
    chat.append(row);
    if (!fromUser) showQuick(entry.message.quickReply);
  }

  function showQuick(quickReply) {
    quick.replaceChildren();
    (quickReply?.items || []).forEach((item) => {
      const chip = el("button", "chip", item.action.label || "");
      chip.type = "button";
      chip.onclick = () => runAction(item.action);
      quick.append(chip);
    });
  }

  // ---- users, polling ------------------------------------------------------------------------
  async function loadUsers() {
    const { users } = await api("/users");
    if (!users.length) {
      users.push(await api("/users", { method: "POST", body: JSON.stringify({ displayName: "ผู้ทดสอบ", following: false }) }));
    }
    if (!users.find((u) => u.userId === userId)) userId = users[0].userId;
    select.replaceChildren(...users.map((u) => {
      const option = el("option", "", u.displayName); option.value = u.userId; return option;
    }));
    select.value = userId;
    await switchUser(userId);
  }

  async function switchUser(id) {
    userId = id;
    localStorage.setItem("console-user", id);
    chat.replaceChildren(); quick.replaceChildren(); lastId = 0;
    const user = await api(`/users/${encodeURIComponent(id)}`);
    $("follow").hidden = user.following;
    await loadRichMenu(user.richMenuId);
    poll(++polling);
  }

  async function poll(generation) {
    while (generation === polling) {
      try {
        const data = await api(`/users/${encodeURIComponent(userId)}/messages?after=${lastId}&wait=25`);
        if (generation !== polling) return;
        $("typing").hidden = !data.loadingUntil;
        data.messages.forEach(addEntry);
        if (data.messages.length) { lastId = data.lastId; scroll(); }
      } catch (err) {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async function loadRichMenu(menuId) {
    $("rm-toggle").hidden = true;
    if (!menuId) { $("richmenu").hidden = true; return; }
    const { richmenus } = await api("/richmenus");
    const menu = richmenus.find((m) => m.richMenuId === menuId);
    if (!menu || !menu.hasImage) { $("richmenu").hidden = true; return; }
    $("rm-toggle").textContent = `${menu.chatBarText || "เมนู"} ▾`;
    $("rm-toggle").hidden = false;
    $("rm-image").src = `${API}/richmenus/${menuId}/image`;
    const areas = $("rm-areas"); areas.replaceChildren();
    menu.areas.forEach((area) => {
      const zone = el("div", "rm-area");
      const { x, y, width, height } = area.bounds;
      Object.assign(zone.style, { left: `${100 * x / menu.size.width}%`, top: `${100 * y / menu.size.height}%`,
        width: `${100 * width / menu.size.width}%`, height: `${100 * height / menu.size.height}%` });
      zone.title = area.action.label || "";
      zone.onclick = () => runAction(area.action);
      areas.append(zone);
    });
    $("richmenu").hidden = false;
  }

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value; input.value = "";
    sendText(text);
  });
  $("follow").onclick = async () => { await sendAction({ type: "follow" }); $("follow").hidden = true; };
  select.onchange = () => switchUser(select.value);
  $("rm-toggle").onclick = () => { $("richmenu").hidden = !$("richmenu").hidden; };
  $("new-user").onclick = async () => {
    const name = prompt("ชื่อผู้ใช้ทดสอบ", "ผู้ทดสอบใหม่");
    if (!name) return;
    const user = await api("/users", { method: "POST", body: JSON.stringify({ displayName: name, following: false }) });
    userId = user.userId; await loadUsers();
  };
  loadUsers().catch((err) => system(`เชื่อมต่อตัวจำลองไม่ได้: ${err.message}`));
})();
