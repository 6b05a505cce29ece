import { render } from 'preact';
import '../../src/ui/page.css';
import './analyse.css';
import { AnalyseApp } from './AnalyseApp';
import { TEST_BUILD } from '../../src/build-flags';

if (TEST_BUILD) void import('./record-test-hook');

render(<AnalyseApp />, document.getElementById('app')!);
