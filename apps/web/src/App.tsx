import { Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { BacklogPage } from './backlog/lazy-page';
import { SchedulePage } from './schedule/lazy-page';
import { SchedulingDataPage } from './scheduling-data/lazy-page';
import { RequireAuth } from './auth/RequireAuth';
import { ClerkCopiesPage } from './certification/ClerkCopiesPage';
import { MyCopiesPage, PublicCopiesPage } from './certification/MyCopiesPage';
import { RequestCopyPage } from './certification/RequestCopyPage';
import { VerifyCopyPage } from './certification/VerifyCopyPage';
import { ClerkQueuePage } from './clerk/ClerkQueuePage';
import { ClerkReviewPage } from './clerk/ClerkReviewPage';
import { CaseDocketPage } from './docket/CaseDocketPage';
import { FilingReceiptPage } from './filing/FilingReceiptPage';
import { MyFilingsPage } from './filing/MyFilingsPage';
import { SubmitFilingPage } from './filing/SubmitFilingPage';
import { HearingPage, JoinHearingPage } from './hearing/lazy-pages';
import { RecordingsPage } from './hearing/recordings/RecordingsPage';
import { Layout } from './layout/Layout';
import { HomePage } from './pages/HomePage';
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
          <Route path="join" element={<JoinHearingPage />} />
          <Route path="verify" element={<VerifyCopyPage />} />
          <Route path="verify/:code" element={<VerifyCopyPage />} />
          <Route path="certified-copies/request/:documentId" element={<RequestCopyPage />} />
          <Route path="certified-copies/public" element={<PublicCopiesPage />} />
          <Route element={<RequireAuth />}>
            <Route index element={<HomePage />} />
            <Route path="hearings/:hearingId" element={<HearingPage />} />
            {/* The api answers 403 to anyone but the bench and the court's clerks; the page says so. */}
            <Route path="hearings/:hearingId/recordings" element={<RecordingsPage />} />
            <Route path="filings" element={<MyFilingsPage />} />
            <Route path="filings/new" element={<SubmitFilingPage />} />
            <Route path="filings/:filingId" element={<FilingReceiptPage />} />
            <Route path="cases/:caseId" element={<CaseDocketPage />} />
            <Route path="certified-copies" element={<MyCopiesPage />} />
          </Route>
          <Route element={<RequireAuth roles={['clerk']} />}>
            <Route path="clerk/queue" element={<ClerkQueuePage />} />
            <Route path="clerk/filings/:filingId" element={<ClerkReviewPage />} />
            <Route path="clerk/certified-copies" element={<ClerkCopiesPage />} />
          </Route>
          <Route element={<RequireAuth roles={['clerk', 'judge']} />}>
            <Route path="courts/:courtId/backlog" element={<BacklogPage />} />
            <Route path="courts/:courtId/schedule" element={<SchedulePage />} />
          </Route>
          <Route element={<RequireAuth roles={['clerk', 'judge', 'admin']} />}>
            <Route path="courts/:courtId/scheduling-data" element={<SchedulingDataPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
