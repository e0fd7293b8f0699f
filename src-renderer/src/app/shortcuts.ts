/**
 * Keyboard shortcuts that work from any screen. Search is one key away for the front desk:
 * "/" (when not typing in a box) or Ctrl+K / Cmd+K.
 */
import { useEffect } from 'react';
import { can } from '../features/auth/store';
import { PATIENT_SEARCH_ID } from '../features/patients/PatientsScreen';
import { navigate, paths } from './router';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  }
  return false;
}

export function focusPatientSearch(): void {
  const box = document.getElementById(PATIENT_SEARCH_ID);
  if (box instanceof HTMLInputElement) {
    box.focus();
    box.select();
  } else {
    // The search screen focuses its box when it opens.
    navigate(paths.patients);
  }
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      // Only for people who may search patients (not a wall board).
      if ((ctrlK || slash) && can('patients.read')) {
        e.preventDefault();
        focusPatientSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
