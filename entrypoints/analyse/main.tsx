import { render } from 'preact';
import '../../src/ui/page.css';
import './analyse.css';
import { AnalyseApp } from './AnalyseApp';
import { TEST_BUILD } from '../../src/build-flags';
import { startPage } from '../../src/ui/start-page';

if (TEST_BUILD) void import('./record-test-hook');

// the user's language override, like every extension page
void startPage(() => render(<AnalyseApp />, document.getElementById('app')!));
