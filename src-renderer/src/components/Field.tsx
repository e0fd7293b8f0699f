/**
 * Form inputs with a real <label for>, an optional hint, and the error for that input shown
 * right beside it. The input's aria-describedby names the error first, then the hint, so a
 * screen reader (and a test) finds the message that belongs to the input.
 */
import type { ChangeEvent, ReactNode, Ref } from 'react';

interface CommonProps {
  id: string;
  label: ReactNode;
  error?: string | null | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}

export function describedBy(id: string, error: unknown, hint: unknown): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean | undefined }) {
  // The mark sits outside the <label> so the label's text is exactly the field's name.
  return (
    <div className="field-label">
      <label htmlFor={id}>{label}</label>
      {required ? (
        <span className="required-mark" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
    </div>
  );
}

export function FieldMessages({ id, error, hint }: { id: string; error?: string | null | undefined; hint?: ReactNode }) {
  return (
    <>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </>
  );
}

interface TextFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'time' | 'search' | 'password';
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  onBlur?: () => void;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, error, hint, required, className, value, onChange, type = 'text', inputRef, ...rest } = props;
  return (
    <div className={`field${error ? ' field-has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        ref={inputRef}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        spellCheck={type === 'text' ? undefined : false}
        {...rest}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Shown as the first, empty choice ("Choose..."). */
  placeholder?: string;
  selectRef?: Ref<HTMLSelectElement>;
}

export function SelectField(props: SelectFieldProps) {
  const { id, label, error, hint, required, className, value, onChange, options, placeholder, selectRef } = props;
  return (
    <div className={`field${error ? ' field-has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <select
        id={id}
        name={id}
        value={value}
        ref={selectRef}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

interface TextAreaFieldProps extends CommonProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, error, hint, required, className, value, onChange, rows = 2, ...rest } = props;
  return (
    <div className={`field${error ? ' field-has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

interface CheckboxFieldProps extends Omit<CommonProps, 'required'> {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const { id, label, error, hint, className, checked, onChange } = props;
  return (
    <div className={`field field-checkbox${error ? ' field-has-error' : ''}${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

/** The message for the form as a whole, at its top. */
export function FormAlert({ message, children }: { message: string | null; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="form-alert" role="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}
