/**
 * An authorization's open deadlines in the desk's words: "Decision expected by Thu, Dec 10 · 3
 * days", "Appeal due by Mon, May 9 · 2 days overdue". Only the deadlines the status still runs
 * (a decision while it waits, peer-to-peer and appeal after a denial until they are booked or
 * filed, external review after the final denial, the end of an approval). Pure, for the request
 * page, the chart and the e2e's reading of them.
 */
import type { Authorization } from '../../../../src-shared/api/schemas/series';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { daysBetween, type Tone } from './labels';

export interface DeadlineLine {
  key: 'decision' | 'p2p' | 'p2p_call' | 'appeal' | 'external_review' | 'ends';
  label: string;
  /** "Thu, Dec 10" (with the year when it is not this year's). */
  date: string;
  /** "3 days", "today", "2 days overdue". */
  left: string;
  tone: Tone;
  text: string;
}

const WAITING = new Set(['submitted', 'pending', 'needs_review']);
const AFTER_DENIAL = new Set(['denied', 'partially_approved', 'p2p_requested', 'p2p_scheduled', 'p2p_done']);

/** "Thu, Dec 10", with ", 2027" when the year is not today's. */
export function shortDate(iso: string, today: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const when = new Date(Date.UTC(y, m - 1, d));
  const text = when.toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return iso.slice(0, 4) === today.slice(0, 4) ? text : `${text}, ${y}`;
}

export function leftWords(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return days === 1 ? '1 day' : `${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

function line(key: DeadlineLine['key'], label: string, date: string, today: string, soon = 3): DeadlineLine {
  const days = daysBetween(today, date);
  const tone: Tone = days < 0 ? 'danger' : days <= soon ? 'warning' : 'neutral';
  const d = shortDate(date, today);
  const left = leftWords(days);
  return { key, label, date: d, left, tone, text: `${label} ${d} · ${left}` };
}

export function deadlineLines(a: Authorization, today: string, timeZone: string): DeadlineLine[] {
  const out: DeadlineLine[] = [];
  if (WAITING.has(a.status) && a.decisionDueAt !== null) out.push(line('decision', 'Decision expected by', localDateAt(timeZone, a.decisionDueAt), today));
  if (AFTER_DENIAL.has(a.status)) {
    if (a.p2pScheduledAt !== null && a.status === 'p2p_scheduled') out.push(line('p2p_call', 'Peer-to-peer call on', localDateAt(timeZone, a.p2pScheduledAt), today, 1));
    else if (a.p2pDueDate && a.status !== 'p2p_done') out.push(line('p2p', 'Peer-to-peer to request by', a.p2pDueDate, today));
    if (a.appealDueDate && !a.appealFiledDate) out.push(line('appeal', 'Appeal due by', a.appealDueDate, today, 14));
  }
  if ((a.status === 'denied' || a.status === 'appealed') && a.externalReviewDueDate && a.finalDenialDate) {
    out.push(line('external_review', 'External review to request by', a.externalReviewDueDate, today, 14));
  }
  if ((a.status === 'approved' || a.status === 'partially_approved') && a.endDate) {
    const l = line('ends', 'Approval ends', a.endDate, today, 14);
    out.push(daysBetween(today, a.endDate) < 0 ? { ...l, left: 'ended', text: `Approval ended ${l.date}` , label: 'Approval ended'} : l);
  }
  return out;
}
