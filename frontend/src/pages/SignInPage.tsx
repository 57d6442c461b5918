// Sign in; a refusal is said on the form, where the person is looking.
import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { ApiFailure, describe } from "../api/client";
import { useSession } from "../session";

function safeNext(next: string | null): string {
  // Only a path of this application, never another origin.
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/postmortems";
}

export function SignInPage() {
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const next = safeNext(params.get("next"));

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (me) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setError("Enter your username and your password.");
      return;
    }
    setBusy(true);
    try {
      await signIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401)
        setError("Wrong username or password, or the account is disabled.");
      else setError(describe(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg" className="narrow">
      <form onSubmit={submit} noValidate aria-labelledby="signin-title">
        <Stack>
          <Title order={1} size="h2" id="signin-title">
            Sign in to Hindsight
          </Title>
          {error && (
            <Alert color="red" title="Could not sign in" role="alert" ref={errorRef} tabIndex={-1}>
              {error}
            </Alert>
          )}
          <TextInput
            label="Username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
          />
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
