// The application shell: a header naming each job's page, and the routes.
import { Anchor, Button, Container, Group, Loader, Text } from "@mantine/core";
import { Navigate, NavLink, Outlet, Route, Routes, useLocation } from "react-router-dom";
import { AccountPage } from "./pages/AccountPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PostmortemEditorPage } from "./pages/PostmortemEditorPage";
import { PostmortemHistoryPage } from "./pages/PostmortemHistoryPage";
import { PostmortemListPage } from "./pages/PostmortemListPage";
import { NewPostmortemPage } from "./pages/NewPostmortemPage";
import { PostmortemViewPage } from "./pages/PostmortemViewPage";
import { SignInPage } from "./pages/SignInPage";
import { LessonListPage } from "./pages/LessonListPage";
import { LessonReviewPage } from "./pages/LessonReviewPage";
import { FeedPage } from "./pages/FeedPage";
import { FeedLessonPage } from "./pages/FeedLessonPage";
import { SubscriptionsPage } from "./pages/SubscriptionsPage";
import { SubscribersPage } from "./pages/SubscribersPage";
import { PeersPage } from "./pages/PeersPage";
import { UsersPage } from "./pages/UsersPage";
import { DictionaryPage } from "./pages/DictionaryPage";
import { AuditPage } from "./pages/AuditPage";
import { DashboardPage } from "./pages/DashboardPage";
import { hasRole, useSession } from "./session";

function Header() {
  const { me, signOut } = useSession();
  return (
    <header className="app-header">
      <Container size="lg" className="app-header-inner">
        <Anchor component={NavLink} to="/postmortems" className="brand" underline="never">
          Hindsight
        </Anchor>
        {me && (
          <nav aria-label="Main" className="main-nav">
            <NavLink to="/postmortems">Postmortems</NavLink>
            <NavLink to="/feed">Peer feed</NavLink>
            <NavLink to="/dashboard">Dashboard</NavLink>
            {hasRole(me, "reviewer") && <NavLink to="/lessons">Lessons to share</NavLink>}
            {hasRole(me, "admin") && (
              <>
                <NavLink to="/subscriptions">Subscriptions</NavLink>
                <NavLink to="/subscribers">Subscribers</NavLink>
                <NavLink to="/peers">Peers</NavLink>
                <NavLink to="/admin/users">Users</NavLink>
              </>
            )}
            {hasRole(me, "reviewer") && <NavLink to="/admin/dictionary">Dictionary</NavLink>}
            {hasRole(me, "admin") && <NavLink to="/admin/audit">Audit log</NavLink>}
            <NavLink to="/account">My account</NavLink>
          </nav>
        )}
        {me && (
          <Group gap="xs" className="who">
            <Text size="sm" c="dimmed" className="who-name" title={me.display_name}>
              {me.display_name} ({me.role})
            </Text>
            <Button size="xs" variant="default" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        )}
      </Container>
    </header>
  );
}

// The routes inside it need a session: without one, sign in first and come back.
function RequireSession() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading)
    return (
      <Group justify="center" p="xl" role="status">
        <Loader size="sm" />
        <Text>Loading…</Text>
      </Group>
    );
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

export function App() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <Container size="lg" component="main" id="main" className="app-main">
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/" element={<Navigate to="/postmortems" replace />} />
          <Route element={<RequireSession />}>
            <Route path="/postmortems" element={<PostmortemListPage />} />
            <Route path="/postmortems/new" element={<NewPostmortemPage />} />
            <Route path="/postmortems/:id" element={<PostmortemViewPage />} />
            <Route path="/postmortems/:id/edit" element={<PostmortemEditorPage />} />
            <Route path="/postmortems/:id/history" element={<PostmortemHistoryPage />} />
            <Route path="/lessons" element={<LessonListPage />} />
            <Route path="/lessons/:id" element={<LessonReviewPage />} />
            <Route path="/feed" element={<FeedPage />} />
            <Route path="/feed/:id" element={<FeedLessonPage />} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/subscriptions" element={<SubscriptionsPage />} />
            <Route path="/subscribers" element={<SubscribersPage />} />
            <Route path="/peers" element={<PeersPage />} />
            <Route path="/admin/users" element={<UsersPage />} />
            <Route path="/admin/dictionary" element={<DictionaryPage />} />
            <Route path="/admin/audit" element={<AuditPage />} />
            <Route path="/account" element={<AccountPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Container>
    </>
  );
}
