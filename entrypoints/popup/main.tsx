import { render } from 'preact';
import '../../src/ui/page.css';
import { startPage } from '../../src/ui/start-page';
import './popup.css';
import { PopupApp } from './PopupApp';

void startPage(() => render(<PopupApp />, document.getElementById('app')!));
