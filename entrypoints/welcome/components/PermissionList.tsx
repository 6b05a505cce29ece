/** Every permission in the manifest, and what it is used for. */
const PERMISSIONS: { name: string; why: string }[] = [
  { name: 'Camera and microphone', why: 'To read your expression and tone of voice during a call. Opened only while a call is analysed.' },
  { name: 'Offscreen document', why: 'Runs the face and voice models in a hidden extension page, so the call page is not slowed down.' },
  { name: 'Storage', why: 'Keeps your settings. Meeting history is kept in the extension’s own database on this device.' },
  {
    name: 'Meeting sites (Google Meet, Zoom, Teams, Jitsi, Whereby)',
    why: 'Shows the badge on the call page and finds which camera and microphone the call uses.',
  },
  { name: 'Active tab', why: 'When you open the popup, tells it which call tab you are looking at.' },
  {
    name: 'Tab capture (optional)',
    why: 'Only if you turn on analysing the other participants: captures the call tab’s video and sound. Asked the first time, never up front.',
  },
  {
    name: 'Scripting and optional site access',
    why: 'Runs on other sites only after you choose “Enable on this site” in the popup, which asks for that one site.',
  },
];

export function PermissionList() {
  return (
    <section class="card stack" aria-labelledby="permissions-title">
      <h2 id="permissions-title">Permissions and why</h2>
      <dl class="permissions">
        {PERMISSIONS.map((p) => (
          <div key={p.name}>
            <dt>{p.name}</dt>
            <dd class="muted">{p.why}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
