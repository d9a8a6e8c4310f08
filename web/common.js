// storyloom web page: shared helpers. Every piece of article text goes into
// the page as a text node (textContent), never as markup: news text is
// untrusted input.
'use strict';

const SL = {};

// Builds an element: el('a', {href: '...', class: 'x'}, 'text', child, ...).
// Attributes are set with setAttribute (no inline handlers are ever given);
// strings become text nodes.
SL.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) throw new Error('no inline handlers');
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
};

SL.svg = function (tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
};

SL.clear = function (node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
};

// GET a JSON API path; throws an Error with the server's message.
SL.api = async function (path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== '' && v !== null && v !== undefined) url.searchParams.set(k, v);
  }
  const res = await fetch(url, {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.status + ' ' + res.statusText;
    throw new Error(msg);
  }
  return body;
};

SL.param = function (name) {
  return new URLSearchParams(window.location.search).get(name) || '';
};

SL.intParam = function (name) {
  const v = SL.param(name);
  return /^[0-9]{1,15}$/.test(v) ? Number(v) : 0;
};

SL.LANG_NAMES = {vi: 'Vietnamese', id: 'Indonesian', ar: 'Arabic', en: 'English', fr: 'French', es: 'Spanish',
  de: 'German', it: 'Italian', pt: 'Portuguese', ru: 'Russian', ms: 'Malay', zh: 'Chinese'};

SL.langTag = function (lang) {
  return SL.el('span', {class: 'tag lang-' + (/^[a-z]{2,3}$/.test(lang) ? lang : 'xx'), title: SL.LANG_NAMES[lang] || lang},
    lang || '?');
};

// Text whose direction follows its language (Arabic reads right to left).
SL.dirFor = function (lang) { return lang === 'ar' || lang === 'fa' || lang === 'ur' ? 'rtl' : 'auto'; };

// "N sources" where the feed names its publishers, else "N reports".
SL.sourcesText = function (story) {
  if (story.independent_sources == null) return story.reports + (story.reports === 1 ? ' report' : ' reports');
  return story.independent_sources + (story.independent_sources === 1 ? ' source' : ' sources');
};

SL.span = function (start, end) {
  if (!start && !end) return '–';
  if (start === end || !end) return start;
  if (!start) return end;
  return start + ' – ' + end;
};

// A piece of text with ranges [[a, b], ...] (byte offsets in UTF-8) marked.
SL.markBytes = function (text, ranges, cls) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const frag = document.createDocumentFragment();
  const sorted = (ranges || []).filter(r => r[0] < r[1]).sort((x, y) => x[0] - y[0]);
  let at = 0;
  for (const [a, b] of sorted) {
    if (a < at) continue;
    if (a > at) frag.appendChild(document.createTextNode(dec.decode(bytes.slice(at, a))));
    frag.appendChild(SL.el('mark', {class: cls || 'hit'}, dec.decode(bytes.slice(a, Math.min(b, bytes.length)))));
    at = Math.min(b, bytes.length);
  }
  if (at < bytes.length) frag.appendChild(document.createTextNode(dec.decode(bytes.slice(at))));
  return frag;
};

// A small sparkline of counts as an SVG element.
SL.sparkline = function (counts, width, height) {
  const w = width || 120, h = height || 24;
  const s = SL.svg('svg', {class: 'spark', width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img'});
  if (!counts || counts.length === 0) return s;
  const max = Math.max(1, ...counts);
  const bw = w / counts.length;
  counts.forEach((c, i) => {
    const bh = c === 0 ? 0 : Math.max(2, (c / max) * (h - 2));
    s.appendChild(SL.svg('rect', {x: (i * bw + 0.5).toFixed(1), y: (h - bh).toFixed(1),
      width: Math.max(1, bw - 1).toFixed(1), height: bh.toFixed(1), class: 'spark-bar'}));
  });
  s.appendChild(SL.svg('title', {}, counts.reduce((a, b) => a + b, 0) + ' dated documents'));
  return s;
};

SL.showError = function (where, err) {
  SL.clear(where).appendChild(SL.el('p', {class: 'error', role: 'alert'}, 'Error: ' + err.message));
};
