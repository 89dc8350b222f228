// The figures of one database as a table: figure | measured | baseline | ratio | goal (issue 13).
const { quantile } = require('./http');

const ms = (values) => `p50 ${quantile(values, 0.5).toFixed(1)} ms (p95 ${quantile(values, 0.95).toFixed(1)}, n=${values.length})`;

const createReport = (title) => {
  const rows = [];
  const notes = [];
  // Each figure is also printed when it is known: a long run stopped halfway still shows what it measured.
  const row = (...cells) => {
    rows.push(cells);
    console.log(`bench: ${cells.filter(Boolean).join(' | ')}`);
  };
  return {
    row,
    /** Two sets of latencies and the ratio of their medians. */
    ratio: (figure, measured, baseline, goal) => row(figure, ms(measured), ms(baseline), (quantile(measured, 0.5) / quantile(baseline, 0.5)).toFixed(2), goal),
    note(text) {
      notes.push(text);
      console.log(`bench: ${text}`);
    },
    print() {
      const header = ['figure', 'measured', 'baseline', 'ratio', 'goal'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
      const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ').trimEnd();
      console.log(`\n== ${title} ==`);
      console.log(line(header));
      console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
      for (const row of rows) console.log(line(row));
      for (const note of notes) console.log(`  * ${note}`);
    },
  };
};

module.exports = { createReport };
