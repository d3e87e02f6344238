// The labelled picker of a trained model ("itemknn (m-1)") that every view with a per-model action shows.
export interface ModelOption {
  id: string;
  name: string;
}

export function ModelSelect({
  label,
  models,
  value,
  onChange,
  testId,
}: {
  label: string;
  models: readonly ModelOption[];
  value: string;
  onChange: (id: string) => void;
  testId?: string;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.id})
          </option>
        ))}
      </select>
    </label>
  );
}
