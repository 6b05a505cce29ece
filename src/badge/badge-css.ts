import { SURFACES } from '../ui/emotion-style';

const B = SURFACES.badge;

/**
 * The badge's whole stylesheet, injected by the content script into the badge's shadow root
 * (`createShadowRootUi({ css: badgeCss })`). Nothing here can reach the call page, and the page's
 * CSS cannot reach the badge.
 */
export const badgeCss = /* css */ `
/* The shadow host and WXT's wrapper elements must never catch clicks meant for the call page. */
:host, html, body { pointer-events: none !important; }

.eo-badge {
  --eo-accent: #7c7f8a;
  --eo-bg: ${B.bg};
  --eo-fg: ${B.fg};
  --eo-muted: ${B.muted};
  --eo-warn: ${B.warn};
  --eo-danger: ${B.danger};
  position: fixed;
  z-index: 2147483647;
  pointer-events: auto;
  box-sizing: border-box;
  width: 248px;
  padding: 8px 10px 8px 12px;
  border-radius: 12px;
  border-left: 4px solid var(--eo-accent);
  background: var(--eo-bg);
  color: var(--eo-fg);
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.35), 0 0 0 1px rgba(255, 255, 255, 0.06);
  font: 12px/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif;
  -webkit-font-smoothing: antialiased;
  cursor: grab;
  touch-action: none; /* a touch drag moves the badge instead of scrolling the page */
  user-select: none;
  -webkit-user-select: none;
  backdrop-filter: blur(6px);
}
.eo-badge *, .eo-badge *::before, .eo-badge *::after { box-sizing: border-box; }
.eo-badge--dragging { cursor: grabbing; opacity: 0.9; }
.eo-badge--top-left { top: 16px; left: 16px; }
.eo-badge--top-right { top: 16px; right: 16px; }
.eo-badge--bottom-left { bottom: 16px; left: 16px; }
.eo-badge--bottom-right { bottom: 16px; right: 16px; }

.eo-head { display: flex; align-items: center; gap: 6px; }
.eo-emoji {
  flex: none;
  display: grid;
  place-items: center;
  width: 30px;
  height: 30px;
  border-radius: 50%;
  background: color-mix(in srgb, var(--eo-accent) 30%, transparent);
  font-size: 18px;
  line-height: 1;
}
.eo-dominant { flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; }
.eo-caption { color: var(--eo-muted); font-size: 10.5px; line-height: 1.2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.eo-dominant-name { font-size: 14px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.eo-dominant-name:empty::before { content: '—'; color: var(--eo-muted); font-weight: 400; }
.eo-confidence { margin: 2px 0 0 36px; color: var(--eo-muted); font-size: 11px; font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.eo-confidence[data-level='clear'] { color: var(--eo-fg); }

.eo-icon-button {
  flex: none;
  align-self: flex-start;
  display: grid;
  place-items: center;
  width: 24px;
  height: 24px;
  padding: 0;
  border: 0;
  border-radius: 8px;
  background: rgba(255, 255, 255, 0.1);
  color: var(--eo-fg);
  font: inherit;
  font-size: 13px;
  cursor: pointer;
}
.eo-icon-button:hover { background: rgba(255, 255, 255, 0.18); }
.eo-icon-button:focus-visible, .eo-remote summary:focus-visible, .eo-row:focus-visible { outline: 2px solid #60a5fa; outline-offset: 2px; }

.eo-rows { display: grid; gap: 3px; margin: 8px 0 6px; }
.eo-row { display: flex; align-items: flex-start; gap: 6px; border-radius: 4px; color: var(--eo-muted); }
.eo-row:hover { background: rgba(255, 255, 255, 0.06); }
.eo-row-label { flex: none; width: 56px; color: var(--eo-muted); font-size: 11px; line-height: 16px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.eo-row-note { flex: 1 1 auto; height: 16px; line-height: 16px; color: var(--eo-muted); font-size: 11px; font-style: italic; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* Paused: the bars fade, the words stay readable (text keeps its contrast). */
.eo-badge--paused [data-bars], .eo-badge--paused .eo-head .eo-emoji { opacity: 0.45; }
.eo-readout { min-height: 14px; color: var(--eo-fg); font-size: 11px; line-height: 14px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.eo-readout:empty { display: none; }
.eo-disclaimer { margin-top: 3px; color: var(--eo-muted); font-size: 10.5px; }
.eo-badge--compact { width: auto; max-width: 260px; }
.eo-badge--compact .eo-head { gap: 6px; }

.eo-state { display: flex; align-items: center; gap: 6px; margin-top: 4px; color: var(--eo-muted); font-size: 11px; }
.eo-words { color: var(--eo-muted); font-size: 11px; margin: 2px 0 4px; }
.eo-state::before { content: ''; flex: none; width: 7px; height: 7px; border-radius: 50%; background: #22c55e; }
.eo-state[data-status='starting']::before, .eo-state[data-status='paused']::before { background: var(--eo-muted); }
.eo-state[data-status='no-face']::before, .eo-state[data-status='several-faces']::before,
.eo-state[data-status='silence']::before { background: var(--eo-warn); }
.eo-state--problem { color: var(--eo-warn); }
.eo-state--problem::before { background: var(--eo-danger) !important; }

.eo-record { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px; margin-top: 6px; font-size: 11px; }
.eo-rec { display: inline-flex; align-items: center; gap: 5px; font-weight: 700; color: #fca5a5; }
.eo-rec::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #e5484d; box-shadow: 0 0 0 3px rgba(229, 72, 77, 0.3); }
.eo-record-button { font: inherit; font-size: 11px; padding: 2px 8px; border-radius: 6px; border: 1px solid rgba(255, 255, 255, 0.25); background: rgba(255, 255, 255, 0.08); color: inherit; cursor: pointer; }
.eo-record-button:hover { background: rgba(255, 255, 255, 0.18); }
.eo-record-button:focus-visible { outline: 2px solid #60a5fa; outline-offset: 2px; }
.eo-record-message { flex-basis: 100%; color: #fecaca; user-select: text; -webkit-user-select: text; }
.eo-remote { margin-top: 6px; padding: 5px 7px; border-radius: 8px; background: rgba(239, 68, 68, 0.16); color: #fecaca; font-size: 11px; }
.eo-remote-line { display: flex; align-items: center; gap: 6px; font-weight: 600; color: #fca5a5; }
.eo-remote-line::before { content: ''; flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--eo-danger); box-shadow: 0 0 0 3px rgba(239, 68, 68, 0.3); }
.eo-remote summary { margin-top: 2px; cursor: pointer; color: #fecaca; text-decoration: underline; list-style: none; }
.eo-remote summary::-webkit-details-marker { display: none; }
.eo-remote p { margin: 4px 0 0; user-select: text; -webkit-user-select: text; cursor: auto; }
.eo-remote-text { max-height: 160px; overflow-y: auto; }

/* Markers (BadgeMarker.tsx) */
.eo-marker { margin-top: 4px; font-size: 11px; }
.eo-marker-form { display: flex; gap: 4px; align-items: center; }
.eo-marker-input { flex: 1 1 auto; min-width: 0; height: 22px; padding: 0 6px; border: 1px solid rgba(255, 255, 255, 0.35); border-radius: 6px; background: rgba(0, 0, 0, 0.25); color: var(--eo-fg); font: inherit; user-select: text; -webkit-user-select: text; }
.eo-marker-input::placeholder { color: var(--eo-muted); }
.eo-text-button { flex: none; height: 22px; padding: 0 7px; border: 0; border-radius: 6px; background: rgba(255, 255, 255, 0.1); color: var(--eo-fg); font: inherit; cursor: pointer; }
.eo-text-button:hover { background: rgba(255, 255, 255, 0.18); }
.eo-text-button:focus-visible, .eo-marker-input:focus-visible { outline: 2px solid #60a5fa; outline-offset: 2px; }
.eo-marker-status { display: block; color: var(--eo-muted); }
.eo-marker-status:empty { display: none; }

@media (prefers-reduced-motion: no-preference) {
  .eo-badge { transition: border-color 200ms ease; }
}
`;
