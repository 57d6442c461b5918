import "@mantine/core/styles.css";
import "./styles.css";
import { MantineProvider } from "@mantine/core";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App";
import { SessionProvider } from "./session";

// Mantine's default theme variables ship in its stylesheet; the provider must not inject a
// <style> element, which the Content-Security-Policy (style-src 'self') refuses. Its global
// classes serve only the hiddenFrom/visibleFrom props, which the pages do not use.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider withCssVariables={false} withGlobalClasses={false} defaultColorScheme="light">
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
