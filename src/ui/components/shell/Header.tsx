// Top bar: product name, the local-only promise, language and theme switches.
import { useApp } from '../../../store';
import { setLang, useI18n } from '../../i18n';
import { BackendBadge } from './BackendBadge';
import { ReportButton } from '../../export/ReportButton';

export function Header() {
  const { t, lang } = useI18n();
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const guideOpen = useApp((s) => s.guideOpen);
  const setGuide = useApp((s) => s.setGuide);
  return (
    <header className="header">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <p className="local-badge">{t('app.local')}</p>
      <BackendBadge />
      <div className="header-actions">
        <ReportButton />
        <button type="button" aria-pressed={guideOpen} onClick={() => setGuide(!guideOpen)} data-testid="guide-toggle">
          {t('guide.open')}
        </button>
        <button type="button" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')} data-testid="lang-toggle">
          {t('lang.toggle')}
        </button>
        <button
          type="button"
          onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}
          aria-label={t('theme.toggle')}
          title={t('theme.toggle')}
        >
          {theme === 'light' ? '☾' : '☀'}
        </button>
      </div>
    </header>
  );
}
