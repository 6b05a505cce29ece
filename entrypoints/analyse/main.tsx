import { render } from 'preact';
import '../../src/ui/page.css';
import './analyse.css';
import { AnalyseApp } from './AnalyseApp';

render(<AnalyseApp />, document.getElementById('app')!);
