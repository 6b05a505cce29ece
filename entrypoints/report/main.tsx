import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import '../../src/ui/page.css';
import './report.css';
import { startPage } from '../../src/ui/start-page';
import { ReportApp } from './ReportApp';
import { TrendsApp } from './TrendsApp';

const params = new URLSearchParams(location.search);
void startPage(() =>
  render(params.get('view') === 'trends' ? <TrendsApp /> : <ReportApp meetingId={params.get('meeting')} />, document.getElementById('app')!),
);
