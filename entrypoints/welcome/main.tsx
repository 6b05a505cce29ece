import { render } from 'preact';
import '../../src/ui/page.css';
import { setDocumentLanguage } from '../../src/ui/document-language';
import './welcome.css';
import { WelcomeApp } from './WelcomeApp';

setDocumentLanguage();
render(<WelcomeApp />, document.getElementById('app')!);
