// White on the app's green (5.9:1); `role="img"` and a <title> so it is announced as one image.
export const BADGE_TEXT = 'Deploy on Linode';

export const DEPLOY_BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="178" height="32" viewBox="0 0 178 32" role="img" aria-labelledby="deploy-badge-title">
  <title id="deploy-badge-title">${BADGE_TEXT}</title>
  <rect width="178" height="32" rx="6" fill="#00703c"/>
  <g fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linejoin="round">
    <rect x="11" y="9" width="16" height="6" rx="1.5"/>
    <rect x="11" y="17" width="16" height="6" rx="1.5"/>
  </g>
  <g fill="#ffffff">
    <circle cx="14.5" cy="12" r="1.2"/>
    <circle cx="14.5" cy="20" r="1.2"/>
  </g>
  <text x="36" y="21" fill="#ffffff" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" font-size="14" font-weight="700">${BADGE_TEXT}</text>
</svg>
`;
