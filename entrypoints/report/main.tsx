import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import '../../src/ui/page.css';
import './report.css';
import { setDocumentLanguage } from '../../src/ui/document-language';
import { ReportApp } from './ReportApp';

setDocumentLanguage();
render(<ReportApp meetingId={new URLSearchParams(location.search).get('meeting')} />, document.getElementById('app')!);
