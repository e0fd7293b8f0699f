/**
 * Settings › Payers: insurance companies and other payers a patient's coverage names, and the
 * payer rule sets their authorization requests are checked against (one opens to edit).
 */
import { useState } from 'react';
import { RuleSetEditor } from '../payer-rules/RuleSetEditor';
import { RuleSetsSection } from '../payer-rules/RuleSetsSection';
import { useRuleSetsLive } from '../payer-rules/store';
import { PayersSection } from '../PayersSection';
import '../payer-rules/payer-rules.css';

export function PayersPage() {
  useRuleSetsLive();
  const [open, setOpen] = useState<string | null>(null);
  const go = (key: string | null) => {
    setOpen(key);
    window.scrollTo({ top: 0 });
  };
  if (open) return <RuleSetEditor key={open} ruleSetKey={open} onClose={() => go(null)} />;
  return (
    <>
      <PayersSection />
      <RuleSetsSection onOpen={(key) => go(key)} />
    </>
  );
}
