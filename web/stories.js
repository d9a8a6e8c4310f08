// The stories list: filters in the URL, one request for the list, one for
// the matching documents when there is a text query.
'use strict';

(function () {
  const PAGE = 20;
  const $ = id => document.getElementById(id);

  function storyItem(s) {
    const title = s.title || '(untitled)';
    const link = SL.el('a', {href: '/story.html?id=' + encodeURIComponent(s.id), class: 'story-title'}, title);
    const langs = SL.el('span', {class: 'langs'}, s.langs.map(SL.langTag));
    const meta = SL.el('div', {class: 'meta'},
      langs,
      SL.el('span', {class: 'sources', title: 'independent sources (copies and translations count once)'},
        SL.sourcesText(s)),
      SL.el('span', {class: 'docs'}, s.size + ' docs'),
      SL.el('span', {class: 'dates'}, SL.span(s.start, s.end)));
    return SL.el('li', {class: 'story', 'data-id': s.id},
      SL.el('div', {class: 'story-main'}, link, meta),
      SL.sparkline(s.coverage && s.coverage.counts, 120, 28));
  }

  function hitItem(h) {
    const href = '/doc.html?id=' + encodeURIComponent(h.doc) +
      (h.snippet ? '&hl=' + (h.snippet.start) + '-' + (h.snippet.start + new TextEncoder().encode(h.snippet.text).length) : '');
    const li = SL.el('li', {class: 'hit'},
      SL.el('div', {}, SL.langTag(h.lang), ' ', SL.el('a', {href}, h.title || '(untitled)'),
        SL.el('span', {class: 'muted'}, ' ' + [h.source, h.published].filter(Boolean).join(' · ')),
        h.story ? SL.el('a', {class: 'story-link', href: '/story.html?id=' + encodeURIComponent(h.story)}, 'story ' + h.story) : null));
    if (h.snippet) {
      li.appendChild(SL.el('p', {class: 'snippet', dir: SL.dirFor(h.lang)}, SL.markBytes(h.snippet.text, h.snippet.highlights)));
    }
    return li;
  }

  async function load() {
    const f = {q: SL.param('q'), lang: SL.param('lang'), from: SL.param('from'), to: SL.param('to'),
      sort: SL.param('sort') || 'size'};
    const offset = SL.intParam('offset');
    for (const k of Object.keys(f)) $(k).value = f[k];
    // The feed of the stories these filters keep, newest first.
    const feed = new URLSearchParams();
    for (const k of ['q', 'lang', 'from', 'to']) if (f[k]) feed.set(k, f[k]);
    $('feed').setAttribute('href', '/feed.atom' + (feed.toString() ? '?' + feed : ''));
    const list = $('stories');
    try {
      const res = await SL.api('/api/stories', {...f, offset, limit: PAGE});
      SL.clear(list);
      res.stories.forEach(s => list.appendChild(storyItem(s)));
      $('count').textContent = res.total === 0 ? 'No stories match.' :
        `${res.total} stor${res.total === 1 ? 'y' : 'ies'}` + (res.total > PAGE ? `, ${offset + 1}–${Math.min(res.total, offset + PAGE)} shown` : '');
      const pager = SL.clear($('pager'));
      const page = o => { const p = new URLSearchParams(window.location.search); p.set('offset', o); return '?' + p; };
      if (offset > 0) pager.appendChild(SL.el('a', {href: page(Math.max(0, offset - PAGE)), rel: 'prev'}, '← newer'));
      if (offset + PAGE < res.total) pager.appendChild(SL.el('a', {href: page(offset + PAGE), rel: 'next'}, 'more →'));
    } catch (e) {
      SL.showError(list, e);
    }
    if (f.q) {
      try {
        const hits = await SL.api('/api/search', {q: f.q, lang: f.lang, from: f.from, to: f.to, limit: 10});
        const ol = SL.clear($('hits'));
        hits.hits.forEach(h => ol.appendChild(hitItem(h)));
        if (hits.hits.length === 0) ol.appendChild(SL.el('li', {class: 'muted'}, 'No document matches.'));
        $('hits-section').hidden = false;
      } catch (e) {
        SL.showError($('hits'), e);
        $('hits-section').hidden = false;
      }
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('filters').addEventListener('submit', ev => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const k of ['q', 'lang', 'from', 'to', 'sort']) {
        const v = $(k).value.trim();
        if (v && !(k === 'sort' && v === 'size')) p.set(k, v);
      }
      window.location.search = p.toString();
    });
    load();
  });
})();
