import { render } from 'preact';
import '../../src/ui/page.css';
import { startPage } from '../../src/ui/start-page';
import './welcome.css';
import { WelcomeApp } from './WelcomeApp';

void startPage(() => render(<WelcomeApp />, document.getElementById('app')!));
