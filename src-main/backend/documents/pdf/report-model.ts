/**
 * A printable report as plain data: headed sections of paragraphs, label/value pairs,
 * tables and lists. Builders (the intake summary now; outcome reports and payer letters
 * later) produce this; render-pdf.ts lays it out. Keeping the two apart lets tests check a
 * report's content without parsing PDF, and lets one layout engine serve every report.
 */
export type Block =
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'muted' | 'alert' | 'ok' }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; columns: { header: string; width: number }[]; rows: string[][]; empty?: string }
  | { kind: 'list'; items: string[]; tone?: 'normal' | 'alert' };

export interface ReportSection {
  heading: string;
  blocks: Block[];
}

export interface ReportModel {
  title: string;
  /** Lines under the title: patient, MRN, date of birth. */
  subtitle: string[];
  /** Printed at the foot of every page (clinic, patient and MRN, generation time). */
  footer: string;
  sections: ReportSection[];
}
