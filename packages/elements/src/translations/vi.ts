import type { SignTranslation } from './translation.js';

/** Vietnamese, the default. */
export const vi: SignTranslation = {
  $code: 'vi',
  sign: 'Ký bằng SmartCA',
  preparing: 'Đang gửi yêu cầu ký…',
  waiting: 'Đang chờ xác nhận…',
  signed: 'Đã ký',
  retry: 'Ký lại',
  cancel: 'Hủy yêu cầu',
  openApp: 'Mở ứng dụng SmartCA',
  document: 'Tài liệu',
  documentCode: 'Mã tài liệu',
  timeLeft: 'Thời gian còn lại',
  approveInApp: 'Mở ứng dụng VNPT SmartCA trên điện thoại và xác nhận yêu cầu ký có mã tài liệu dưới đây.',
  outOfTurns: 'Bạn đã hết lượt ký. Mua thêm gói lượt ký bên dưới; việc ký sẽ tự tiếp tục sau khi thanh toán.',
  announce: {
    preparing: 'Đang gửi yêu cầu ký tới SmartCA.',
    awaiting: 'Đang chờ bạn xác nhận trên ứng dụng SmartCA.',
    signed: 'Ký số thành công.',
    rejected: 'Yêu cầu ký đã bị từ chối trên ứng dụng SmartCA.',
    expired: 'Yêu cầu ký đã hết hạn vì chưa được xác nhận kịp thời.',
    cancelled: 'Đã hủy yêu cầu ký.',
  },
  errors: {
    session: 'Phiên ký không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang.',
    turns: 'Chứng thư số đã hết lượt ký. Vui lòng mua thêm gói lượt ký.',
    certificate: 'Chứng thư số không ở trạng thái hợp lệ để ký.',
    provider: 'SmartCA không thực hiện được yêu cầu ký. Vui lòng thử lại sau.',
    network: 'Không kết nối được tới máy chủ ký số. Kiểm tra kết nối mạng rồi thử lại.',
    implementation: 'Trang chưa được cấu hình đúng để ký số.',
  },
};
