import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import './styles.css';

dayjs.locale('zh-cn');

/** Chinese validation messages for every antd form (the defaults are also zh-CN via the locale). */
const validateMessages = {
  required: '请填写${label}',
  types: { email: '${label}格式不正确', number: '${label}须为数字' },
  string: { max: '${label}最多 ${max} 个字', min: '${label}至少 ${min} 个字', range: '${label}应为 ${min}–${max} 个字' },
  number: { range: '${label}应在 ${min} 到 ${max} 之间', min: '${label}不能小于 ${min}', max: '${label}不能大于 ${max}' },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      form={{ validateMessages }}
      theme={{ token: { colorPrimary: '#1450b8', borderRadius: 4, fontFamily: '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",-apple-system,sans-serif' } }}
    >
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
