// Who is signed in: read once from /api/v1/me, replaced on sign-in, cleared on sign-out or
// when the server says the session is gone.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, must, setUnauthenticatedHandler, type Me } from "./api/client";

interface SessionState {
  me: Me | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    let live = true;
    api
      .GET("/api/v1/me")
      .then(({ data }) => live && setMe(data ?? null))
      .catch(() => live && setMe(null))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const data = await must(api.POST("/api/v1/session", { body: { username, password } }));
    setMe({
      username: data.username ?? username,
      display_name: data.display_name ?? username,
      role: (data.role ?? "member") as Me["role"],
    });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.DELETE("/api/v1/session");
    } finally {
      setMe(null);
    }
  }, []);

  return (
    <SessionContext.Provider value={{ me, loading, signIn, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

export function hasRole(me: Me | null, role: Me["role"]): boolean {
  const rank = { member: 0, reviewer: 1, admin: 2 } as const;
  return !!me && rank[me.role] >= rank[role];
}
