import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Bullseye, Spinner } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth';
import { links, routes } from './routes';
import { Shell } from './Shell';
import { NotFound } from './NotFound';
import { Forbidden } from './Forbidden';

function Loading() {
  const { t } = useTranslation();
  return (
    <Bullseye>
      <Spinner aria-label={t('common.loading')} />
    </Bullseye>
  );
}

/** Pages that need a session send the user to log in first, and back here afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return <Loading />;
  }
  if (status === 'anonymous') {
    return <Navigate to={links.login(location.pathname + location.search)} replace />;
  }
  return <>{children}</>;
}

/** Administration pages: for system administrators only (the API refuses the others too). */
function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return user?.sysadmin_flag ? <>{children}</> : <Forbidden />;
}

export function App() {
  return (
    <AuthProvider>
      <Routes>
        {routes
          .filter((r) => r.public)
          .map((r) => (
            <Route
              key={r.path}
              path={r.path}
              element={
                <Suspense fallback={<Loading />}>
                  <r.page />
                </Suspense>
              }
            />
          ))}
        <Route
          element={
            <RequireSession>
              <Shell />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to={links.home()} replace />} />
          {routes
            .filter((r) => !r.public)
            .map((r) => (
              <Route
                key={r.path}
                path={r.path}
                element={
                  <Suspense fallback={<Loading />}>
                    {r.admin ? (
                      <RequireAdmin>
                        <r.page />
                      </RequireAdmin>
                    ) : (
                      <r.page />
                    )}
                  </Suspense>
                }
              />
            ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
