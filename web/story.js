// A story: its timeline as an SVG chart and a list. Each entry opens to its
// reports: language, the quoted sentence highlighted in its paragraph, a link
// to the document; copies and translations folded under the report they
// repeat. A language switch asks the timeline in another language.
'use strict';

(function () {
  const $ = id => document.getElementById(id);
  const id = SL.intParam('id');
  const lang = /^[a-z]{2,3}$/.test(SL.param('lang')) ? SL.param('lang') : '';

  function dayValue(date) {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date || '');
    if (!m) return null;
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 15) / 86400000;
  }

  function docHref(doc, s) {
    let href = '/doc.html?id=' + encodeURIComponent(doc);
    if (s && Number.isInteger(s.body_start) && Number.isInteger(s.body_end)) href += '&hl=' + s.body_start + '-' + s.body_end;
    return href;
  }

  // The sentence in its paragraph, the sentence marked.
  function quoteBlock(s) {
    if (!s) return null;
    const c = s.context;
    const block = SL.el('blockquote', {class: 'quote', dir: SL.dirFor(s.lang), lang: s.lang || null});
    if (c && typeof c.text === 'string') {
      if (c.clipped_before) block.appendChild(document.createTextNode('… '));
      block.appendChild(SL.markBytes(c.text, [[c.start, c.end]], 'sent'));
      if (c.clipped_after) block.appendChild(document.createTextNode(' …'));
    } else {
      block.appendChild(SL.el('mark', {class: 'sent'}, s.text));
    }
    if (s.date_text) block.appendChild(SL.el('div', {class: 'dated-by'}, 'dated by: ', SL.el('q', {}, s.date_text)));
    return block;
  }

  function docLine(doc, info, extra) {
    const d = info || {id: doc};
    return SL.el('div', {class: 'doc-line'},
      SL.langTag(d.lang), ' ',
      extra ? SL.el('span', {class: 'kind'}, extra) : null,
      SL.el('a', {href: docHref(doc), class: 'doc-link'}, d.title || d.lead || 'document ' + doc),
      SL.el('span', {class: 'muted'}, ' ' + [d.source, d.published].filter(Boolean).join(' · ')));
  }

  function reportBlock(r, entry, docs) {
    const quote = r.quote >= 0 ? entry.sentences[r.quote] : null;
    const info = docs[String(r.doc)] || {id: r.doc};
    const block = SL.el('div', {class: 'report'},
      SL.el('div', {class: 'doc-line'}, SL.langTag(info.lang), ' ',
        SL.el('a', {href: docHref(r.doc, quote), class: 'doc-link source-link'}, info.title || 'document ' + r.doc),
        SL.el('span', {class: 'muted'}, ' ' + [info.source, info.published].filter(Boolean).join(' · '))),
      quoteBlock(quote));
    if (r.folded && r.folded.length) {
      const n = r.folded.length;
      const inner = SL.el('details', {class: 'folded'},
        SL.el('summary', {}, n + (n === 1 ? ' copy or translation' : ' copies and translations')));
      for (const f of r.folded) {
        const fq = f.quote >= 0 ? entry.sentences[f.quote] : null;
        const line = docLine(f.doc, docs[String(f.doc)], f.kind || 'copy');
        line.querySelector('a').setAttribute('href', docHref(f.doc, fq));
        inner.appendChild(SL.el('div', {class: 'folded-doc'}, line, quoteBlock(fq)));
      }
      block.appendChild(inner);
    }
    return block;
  }

  function entryItem(e, i, docs) {
    const first = e.sentences[0];
    const nsrc = e.sources.length;
    const summary = SL.el('summary', {},
      SL.el('time', {datetime: e.date, class: 'entry-date'}, e.date), ' ',
      SL.el('span', {class: 'entry-text', dir: first ? SL.dirFor(first.lang) : 'auto'}, first ? first.text : ''), ' ',
      SL.el('span', {class: 'entry-meta'}, e.langs.map(SL.langTag), ' ', nsrc + (nsrc === 1 ? ' source' : ' sources')));
    const details = SL.el('details', {class: 'entry'}, summary);
    const reports = SL.el('div', {class: 'reports'});
    (e.reports || []).forEach(r => reports.appendChild(reportBlock(r, e, docs)));
    details.appendChild(reports);
    return SL.el('li', {id: 'entry-' + i}, details);
  }

  function chart(entries) {
    const W = 800, H = 150, L = 30, R = 30, base = 115;
    const days = entries.map(e => dayValue(e.date));
    const known = days.filter(d => d !== null);
    const svg = SL.svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'timeline-chart', role: 'img',
      'aria-label': 'Timeline: ' + entries.length + ' dates'});
    if (known.length === 0) return svg;
    let lo = Math.min(...known), hi = Math.max(...known);
    if (hi === lo) { lo -= 1; hi += 1; }
    const x = d => L + (d - lo) / (hi - lo) * (W - L - R);
    const maxSal = Math.max(1e-9, ...entries.map(e => e.salience || 0));
    svg.appendChild(SL.svg('line', {x1: L, x2: W - R, y1: base, y2: base, class: 'axis'}));
    const fmt = d => new Date(d * 86400000).toISOString().slice(0, 10);
    const ticks = 4;
    for (let t = 0; t <= ticks; t++) {
      const d = lo + (hi - lo) * t / ticks;
      svg.appendChild(SL.svg('line', {x1: x(d), x2: x(d), y1: base, y2: base + 5, class: 'axis'}));
      svg.appendChild(SL.svg('text', {x: x(d), y: base + 20, class: 'tick',
        'text-anchor': t === 0 ? 'start' : t === ticks ? 'end' : 'middle'}, fmt(d)));
    }
    entries.forEach((e, i) => {
      if (days[i] === null) return;
      const h = 12 + 80 * (e.salience || 0) / maxSal;
      const r = Math.min(12, 4 + 2 * Math.sqrt(e.sources.length));
      const g = SL.svg('g', {class: 'point', 'data-entry': i, tabindex: 0, role: 'button'},
        SL.svg('line', {x1: x(days[i]), x2: x(days[i]), y1: base, y2: base - h, class: 'stem'}),
        SL.svg('circle', {cx: x(days[i]), cy: base - h, r, class: 'dot'}),
        SL.svg('title', {}, e.date + ' — ' + (e.sentences[0] ? e.sentences[0].text : '')));
      const open = () => {
        const li = $('entry-' + i);
        if (!li) return;
        li.querySelector('details').open = true;
        li.scrollIntoView({block: 'center'});
        li.classList.add('flash');
        setTimeout(() => li.classList.remove('flash'), 1200);
      };
      g.addEventListener('click', open);
      g.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
      svg.appendChild(g);
    });
    return svg;
  }

  function docsList(story) {
    const ul = SL.clear($('docs'));
    const byId = new Map(story.docs.map(d => [d.id, d]));
    const under = new Map();
    for (const d of story.docs) {
      if (d.duplicate_of && byId.has(d.duplicate_of)) {
        if (!under.has(d.duplicate_of)) under.set(d.duplicate_of, []);
        under.get(d.duplicate_of).push(d);
      }
    }
    // A story of hundreds of reports shows its first ones; the rest on demand.
    const canonical = story.docs.filter(d => !(d.duplicate_of && byId.has(d.duplicate_of)));
    const SHOWN = 50;
    if (canonical.length > SHOWN) {
      const more = SL.el('button', {type: 'button', class: 'show-all'}, 'show all ' + canonical.length + ' reports');
      more.addEventListener('click', () => { ul.classList.remove('clipped'); more.remove(); });
      ul.classList.add('clipped');
      ul.after(more);
    }
    canonical.forEach((d, i) => {
      const li = SL.el('li', {class: i >= SHOWN ? 'beyond' : null}, docLine(d.id, d));
      const dups = under.get(d.id) || [];
      if (dups.length) {
        const folded = SL.el('details', {class: 'folded'},
          SL.el('summary', {}, dups.length + (dups.length === 1 ? ' copy or translation' : ' copies and translations')));
        dups.forEach(x => folded.appendChild(docLine(x.id, x, x.duplicate_kind || 'copy')));
        li.appendChild(folded);
      }
      ul.appendChild(li);
    });
  }

  // Each event: its span and label, its reports folded beneath.
  function eventsList(story) {
    const ol = SL.clear($('events'));
    const byId = new Map(story.docs.map(d => [d.id, d]));
    // The twelve largest events in date order; the rest (a long story's many
    // single reports) on demand.
    const all = story.events || [];
    const top = new Set(all.slice().sort((a, b) => b.docs.length - a.docs.length || a.number - b.number)
      .slice(0, 12).map(e => e.number));
    const events = all.filter(e => top.has(e.number)).concat(all.filter(e => !top.has(e.number)));
    events.forEach((e, i) => {
      const reports = e.docs.filter(id => byId.has(id) && !byId.get(id).duplicate_of);
      const li = SL.el('li', {class: 'event', 'data-event': e.number},
        SL.el('span', {class: 'event-span'}, SL.span(e.start, e.end)), ' ',
        SL.el('strong', {}, e.title || 'event ' + e.number), ' ',
        SL.el('span', {class: 'muted'}, e.docs.length + (e.docs.length === 1 ? ' document' : ' documents')));
      const list = SL.el('details', {class: 'event-docs'}, SL.el('summary', {}, 'reports'));
      reports.forEach(id => list.appendChild(docLine(id, byId.get(id))));
      li.appendChild(list);
      if (i >= 12) li.classList.add('beyond');
      ol.appendChild(li);
    });
    if (events.length > 12) {
      const more = SL.el('button', {type: 'button', class: 'show-all'}, 'show all ' + events.length + ' events');
      more.addEventListener('click', () => { ol.classList.remove('clipped'); more.remove(); });
      ol.classList.add('clipped');
      ol.after(more);
    }
    if (!(story.events || []).length) ol.appendChild(SL.el('li', {class: 'muted'}, 'No events yet.'));
  }

  async function load() {
    if (!id) {
      SL.showError($('story'), new Error('no story id in the address'));
      return;
    }
    // Feed readers and browsers find the story's timeline as Atom here.
    $('feed').setAttribute('href', '/api/stories/' + id + '/feed.atom' + (lang ? '?lang=' + lang : ''));
    $('feed').setAttribute('title', 'Timeline of story ' + id + ' (Atom)');
    try {
      const story = await SL.api('/api/stories/' + id, {lang});
      document.title = 'storyloom — ' + (story.title || 'story ' + id);
      $('feed').setAttribute('title', 'Timeline: ' + (story.title || 'story ' + id) + ' (Atom)');
      $('title').textContent = story.title || '(untitled)';
      SL.clear($('meta')).append(
        SL.el('span', {class: 'langs'}, story.langs.map(SL.langTag)),
        SL.el('span', {}, SL.sourcesText(story)),
        SL.el('span', {}, story.size + ' documents (' + story.duplicates + ' copies or translations)'),
        SL.el('span', {}, SL.span(story.start, story.end)),
        SL.sparkline(story.coverage && story.coverage.counts, 160, 28));
      const sw = SL.clear($('langs'));
      sw.appendChild(SL.el('span', {class: 'muted'}, 'Timeline in: '));
      for (const l of [''].concat(story.langs)) {
        const href = '/story.html?id=' + id + (l ? '&lang=' + l : '');
        sw.appendChild(SL.el('a', {href, class: 'lang-option' + (l === lang ? ' current' : ''), 'aria-current': l === lang ? 'page' : null,
          'data-lang': l || 'any'}, l ? (SL.LANG_NAMES[l] || l) : 'any language'));
      }
      eventsList(story);
      docsList(story);
    } catch (e) {
      SL.showError($('story'), e);
      return;
    }
    try {
      const t = await SL.api('/api/stories/' + id + '/timeline', {lang});
      const sum = SL.clear($('summary'));
      (t.summary || []).forEach(s => sum.appendChild(SL.el('li', {dir: SL.dirFor(s.lang)}, SL.langTag(s.lang), ' ', s.text)));
      SL.clear($('chart')).appendChild(chart(t.entries));
      const ol = SL.clear($('timeline'));
      t.entries.forEach((e, i) => ol.appendChild(entryItem(e, i, t.docs || {})));
      if (t.entries.length === 0) ol.appendChild(SL.el('li', {class: 'muted'}, 'No dated events in this story yet.'));
    } catch (e) {
      SL.showError($('timeline'), e);
    }
  }

  document.addEventListener('DOMContentLoaded', load);
})();
