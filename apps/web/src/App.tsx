import { Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { Layout } from './layout/Layout';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { HomePage } from './pages/HomePage';
import { JoinHearingPage } from './pages/JoinHearingPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * The route table. Public routes first (sign-in, a witness's one-time link, checking a certified
 * copy: none of these people have or need an account), then everything behind sign-in.
 * Features that are not built yet already own their address; replace the placeholder element.
 */
export function App() {
  return (
    <AuthProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route path="login" element={<LoginPage />} />
          <Route path="join/:token" element={<JoinHearingPage />} />
          <Route path="verify/*" element={<ComingSoonPage feature="verify" showHomeLink={false} />} />
          <Route element={<RequireAuth />}>
            <Route index element={<HomePage />} />
            <Route path="hearings/:hearingId" element={<ComingSoonPage feature="hearing" />} />
            <Route path="filings/*" element={<ComingSoonPage feature="filings" />} />
          </Route>
          <Route element={<RequireAuth roles={['clerk']} />}>
            <Route path="clerk/queue" element={<ComingSoonPage feature="clerkQueue" />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
