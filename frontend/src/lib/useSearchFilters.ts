// A search form whose applied filters live in the address, so a search can be shared and Back
// goes to the previous one: `applied` is what the address holds, `form` what is being typed;
// `submit` puts the form's non-empty values into the address.
import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";

export function useSearchFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const read = () => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
  const applied = read();
  const [form, setForm] = useState(applied);
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setForm(read()), [key]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of keys) if (form[k].trim()) next.set(k, form[k].trim());
    setParams(next);
  }

  // The applied filters that are set, as API query parameters.
  const query = () => {
    const q: Record<string, string> = {};
    for (const k of keys) if (applied[k]) q[k] = applied[k];
    return q;
  };

  return { applied, form, setForm, submit, key, query, filtered: keys.some((k) => applied[k]) };
}
