// The diagnostic report: build it (secrets redacted), render it (JSON, Markdown, HTML) and
// write it atomically. DESIGN.md §2 "Report" is the contract; contract/report.ts the schema.

export { buildReport, type BuildReportInput } from './build-report';
export { redactSecrets, REDACTED } from './redact-secrets';
export { renderJson, reportForJson, type RenderOptions } from './render-json';
export { renderMarkdown } from './render-markdown';
export { renderHtml, REPORT_CSP } from './render-html';
export { reportFormatFor, ACCEPTED_EXTENSIONS } from './report-format';
export { writeReport, type WriteReportResult } from './write-report';
