import { render } from 'preact';
import '../../src/ui/page.css';
import './popup.css';
import { PopupApp } from './PopupApp';

render(<PopupApp />, document.getElementById('app')!);
