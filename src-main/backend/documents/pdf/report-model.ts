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
  | { kind: 'list'; items: string[]; tone?: 'normal' | 'alert' }
  | { kind: 'figure'; height: number; shapes: FigureShape[] };

/** RGB, each 0-1. */
export type FigureColor = [number, number, number];

/**
 * A vector drawing (a chart) as plain data: shapes in points within the content width, origin
 * at the figure's top-left corner, y growing downwards. Builders compute the geometry; the
 * renderer only strokes and prints it.
 */
export type FigureShape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width?: number; color?: FigureColor; dash?: number[] }
  | { kind: 'circle'; x: number; y: number; r: number; color?: FigureColor; filled?: boolean }
  | { kind: 'text'; x: number; y: number; text: string; size?: number; color?: FigureColor; align?: 'left' | 'center' | 'right'; bold?: boolean };

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
