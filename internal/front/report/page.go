package report

import "html/template"

// page is the report's one HTML file. Sizes of text are CSS pixels, at
// least 11 on any screen; the bar lists re-flow below 640 px (label above
// its bar) and the timelines drop their minor ticks below 700 px.
var page = template.Must(template.New("report").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2433; margin: 0; background: #f5f6f8; }
main { max-width: 1040px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; line-height: 1.2; }
.sub { color: #5b6475; margin: 0 0 20px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin-bottom: 18px; }
.figure, .card { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 14px 16px; }
.figure .v { font-size: 24px; font-weight: 650; }
.figure .l { color: #5b6475; font-size: 13px; }
.card { margin-bottom: 18px; }
.card h2 { font-size: 17px; margin: 0 0 10px; }
.card h3 { font-size: 14px; margin: 0 0 6px; }
.card > p { color: #5b6475; font-size: 12px; margin: 10px 0 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; font-size: 13px; }
dl.facts dt { color: #5b6475; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.bars { display: grid; grid-template-columns: fit-content(17em) minmax(60px, 1fr) max-content; gap: 3px 10px; align-items: center; }
.bar-row { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; align-items: center; font-size: 13px; }
.bar-label { overflow-wrap: anywhere; line-height: 1.25; }
.bar-sub { color: #5b6475; font-size: 11.5px; font-weight: 400; }
.bar-track { height: 14px; background: #eef0f4; border-radius: 2px; }
.bar-fill { height: 100%; background: #2f6db5; border-radius: 2px; }
.faint .bar-fill { background: #a9c1de; }
.faint .bar-value { color: #8a93a3; }
.bar-value { font-size: 12px; color: #3c4555; font-variant-numeric: tabular-nums; white-space: nowrap; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 18px 28px; }
.multiple .bars { grid-template-columns: fit-content(10em) minmax(40px, 1fr) max-content; }
.plot { padding: 0 14px 0 52px; }
svg.columns { display: block; overflow: visible; }
svg .grid { stroke: #e3e6ec; stroke-width: 1; }
svg .axis { stroke: #9aa3b2; stroke-width: 1; }
svg .col { fill: #2f6db5; }
svg .tick { font-size: 12px; fill: #3c4555; }
svg.map { display: block; border-radius: 4px; }
svg .sea { fill: #e6eef6; }
svg .land { fill: #cfd3da; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: #3c4555; margin-top: 8px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
.scroll { overflow-x: auto; }
.hint { display: none; color: #5b6475; font-size: 12px; margin: 0 0 6px; }
table.heat { border-collapse: separate; border-spacing: 2px; font-size: 12px; font-variant-numeric: tabular-nums; }
table.heat th { font-weight: 500; color: #3c4555; text-align: center; vertical-align: bottom; min-width: 38px; max-width: 64px; line-height: 1.2; hyphens: manual; }
table.heat th.unit { text-align: left; min-width: 150px; max-width: 240px; vertical-align: middle; font-size: 12.5px; position: sticky; left: 0; background: #fff; }
table.heat td { text-align: center; padding: 4px 2px; border-radius: 2px; color: #1d2433; }
table.heat td.dark { color: #fff; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media (max-width: 700px) {
  svg .minor { display: none; }
}
@media (max-width: 640px) {
  main { padding: 12px; }
  h1 { font-size: 21px; }
  .card { padding: 12px; }
  .bars, .multiple .bars { grid-template-columns: minmax(40px, 1fr) max-content; gap: 2px 8px; }
  .bar-label { grid-column: 1 / -1; margin-top: 3px; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 6px; }
  .plot { padding-left: 44px; }
  .hint { display: block; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .figure, .card { border-color: #bbb; break-inside: avoid; }
  .scroll { overflow: visible; }
  table.heat { font-size: 8pt; border-spacing: 1px; }
  table.heat th, table.heat td { min-width: 0; padding: 2px 1px; }
  table.heat th.unit { min-width: 0; max-width: 150px; font-size: 8pt; }
}
</style></head>
<body><main>
<h1>{{.Title}}</h1>
<p class="sub">Dataset {{.Dataset}}, made {{.Made}} by <code>soa report</code>. Every chart names the bundled query behind it: <code>soa query DATASET NAME</code> gives its numbers.</p>
<section class="figures">{{range .Figures}}<div class="figure"><div class="v">{{.Value}}</div><div class="l">{{.Label}}</div></div>{{end}}</section>
{{range .Charts}}<section class="card" id="{{.ID}}"><h2>{{.Title}}</h2>{{.Body}}<p>{{.Caption}}</p></section>
{{end}}<section class="card" id="provenance"><h2>Where this comes from</h2><dl class="facts">{{range .Provenance}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}</dl></section>
</main></body></html>
`))
