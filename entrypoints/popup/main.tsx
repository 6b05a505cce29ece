import { render } from 'preact';
import '../../src/ui/page.css';
import { setDocumentLanguage } from '../../src/ui/document-language';
import './popup.css';
import { PopupApp } from './PopupApp';

setDocumentLanguage();
render(<PopupApp />, document.getElementById('app')!);
