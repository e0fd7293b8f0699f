/**
 * Settings › Letter templates: the wording of the peer-to-peer request and the two appeal
 * letters, built-in or the clinic's own; one opens to read or edit.
 */
import { useState } from 'react';
import type { LetterTemplateView } from '../../../../../src-shared/api/schemas/letter-templates';
import { TemplateEditor } from '../letter-templates/TemplateEditor';
import { TemplateList } from '../letter-templates/TemplateList';
import { useLetterTemplatesLive } from '../letter-templates/store';
import '../letter-templates/letter-templates.css';

export function LettersPage() {
  useLetterTemplatesLive();
  const [open, setOpen] = useState<LetterTemplateView['kind'] | null>(null);
  const go = (kind: LetterTemplateView['kind'] | null) => {
    setOpen(kind);
    window.scrollTo({ top: 0 });
  };
  if (open) return <TemplateEditor key={open} kind={open} onClose={() => go(null)} />;
  return <TemplateList onOpen={(kind) => go(kind)} />;
}
