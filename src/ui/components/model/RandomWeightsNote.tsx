// Said wherever item vectors from a random-weight text model are used: similar vectors there are an accident of the
// random weights, not similar meaning.
import { useI18n } from '../../i18n';
import { useRandomItemVectors } from './hostedModels';

export function RandomWeightsNote({ what }: { what: 'embeddings' | 'content' | 'itemText' | 'map' }) {
  const { t } = useI18n();
  if (!useRandomItemVectors()) return null;
  return (
    <p className="warn small" role="note" data-testid="random-weights-note">
      {t(`randomWeights.${what}`)}
    </p>
  );
}
