import '@patternfly/react-core/dist/styles/base.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App';
import { setupI18n } from './i18n';
import { applyTheme, savedTheme } from './lib/theme';

applyTheme(savedTheme());
setupI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
