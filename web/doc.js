// A document: its cleaned text by paragraph, the sentence a timeline quoted
// highlighted (?hl=start-end, byte offsets in the text), and what cleaning
// removed (adverts, menus, captions...) shown in place on demand.
'use strict';

(function () {
  const $ = id => document.getElementById(id);
  const id = SL.intParam('id');
  const hl = /^(\d{1,9})-(\d{1,9})$/.exec(SL.param('hl'));

  // Byte offsets in UTF-8 text: slices decoded back to strings.
  function slicer(text) {
    const bytes = new TextEncoder().encode(text);
    const dec = new TextDecoder();
    return (a, b) => dec.decode(bytes.slice(a, b));
  }

  function render(d, showRemoved) {
    const out = SL.clear($('text'));
    const cut = slicer(d.text);
    const removed = showRemoved ? d.removed.slice().sort((x, y) => x.at - y.at) : [];
    let ri = 0;
    const flushRemoved = upTo => {
      while (ri < removed.length && removed[ri].at <= upTo) {
        const r = removed[ri++];
        out.appendChild(SL.el('div', {class: 'removed'}, SL.el('span', {class: 'reason'}, r.reason), ' ', r.text));
      }
    };
    const paragraphs = d.paragraphs.length ? d.paragraphs : [{start: 0, end: new TextEncoder().encode(d.text).length, lang: d.lang}];
    for (const p of paragraphs) {
      flushRemoved(p.start);
      const para = SL.el('p', {dir: SL.dirFor(p.lang || d.lang), lang: p.lang || null});
      if (hl && Number(hl[1]) < p.end && Number(hl[2]) > p.start) {
        const a = Math.max(p.start, Number(hl[1])), b = Math.min(p.end, Number(hl[2]));
        para.appendChild(document.createTextNode(cut(p.start, a)));
        para.appendChild(SL.el('mark', {class: 'sent', id: 'highlight'}, cut(a, b)));
        para.appendChild(document.createTextNode(cut(b, p.end)));
      } else {
        para.textContent = cut(p.start, p.end);
      }
      out.appendChild(para);
    }
    flushRemoved(Number.MAX_SAFE_INTEGER);
  }

  async function load() {
    if (!id) {
      SL.showError($('doc'), new Error('no document id in the address'));
      return;
    }
    try {
      const d = await SL.api('/api/documents/' + id);
      document.title = 'storyloom — ' + (d.title || 'document ' + id);
      $('title').textContent = d.title || '(untitled)';
      $('title').setAttribute('dir', SL.dirFor(d.lang));
      const meta = SL.clear($('meta'));
      const row = (k, v) => { if (v !== null && v !== undefined && v !== '') meta.append(SL.el('dt', {}, k), SL.el('dd', {}, v)); };
      row('language', SL.el('span', {}, SL.langTag(d.lang), ' ' + (SL.LANG_NAMES[d.lang] || '') +
        (d.lang_confidence ? ' (' + Number(d.lang_confidence).toFixed(2) + ')' : '')));
      row('published', d.published ? d.published + (d.published_from ? ' (from ' + d.published_from + ')' : '') : null);
      row('source', d.source);
      row('site', d.site);
      row('byline', d.byline);
      if (d.url && /^https?:\/\//i.test(d.url)) {
        row('address', SL.el('a', {href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank'}, d.url));
      } else {
        row('address', d.url);
      }
      row('input', d.path + (d.line ? ':' + d.line : ''));
      if (d.story) {
        const back = '/story.html?id=' + encodeURIComponent(d.story.id);
        row('story', SL.el('a', {href: back}, 'story ' + d.story.id));
        $('back').setAttribute('href', back);
        $('back').textContent = '← story ' + d.story.id;
        if (d.story.duplicate_of) {
          row(d.story.duplicate_kind || 'copy', SL.el('a', {href: '/doc.html?id=' + encodeURIComponent(d.story.duplicate_of)},
            'of document ' + d.story.duplicate_of));
        }
      }
      let showing = false;
      const btn = $('toggle-removed');
      if (d.removed.length) {
        btn.hidden = false;
        const label = () => { btn.textContent = (showing ? 'Hide' : 'Show') + ' removed boilerplate (' + d.removed.length + ')'; };
        label();
        btn.addEventListener('click', () => { showing = !showing; label(); render(d, showing); });
      }
      render(d, false);
      const mark = document.getElementById('highlight');
      if (mark) mark.scrollIntoView({block: 'center'});
    } catch (e) {
      SL.showError($('doc'), e);
    }
  }

  document.addEventListener('DOMContentLoaded', load);
})();
