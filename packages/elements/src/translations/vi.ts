import type { SignTranslation } from './translation.js';

/** Vietnamese, the default. */
export const vi: SignTranslation = {
  $code: 'vi',
  sign: 'Ký bằng SmartCA',
  preparing: 'Đang gửi yêu cầu ký…',
  waiting: 'Đang chờ xác nhận…',
  signed: 'Đã ký',
  retry: 'Ký lại',
  cancel: 'Dừng chờ',
  openApp: 'Mở ứng dụng SmartCA',
  document: 'Tài liệu',
  documentCode: 'Mã tài liệu',
  timeLeft: 'Thời gian còn lại',
  approveInApp: (attempt) =>
    attempt > 1
      ? `Mở ứng dụng VNPT SmartCA trên điện thoại và xác nhận yêu cầu mới nhất, có ghi “(lần ${attempt})”. ` +
        'Đừng xác nhận các yêu cầu cũ cho cùng tài liệu.'
      : 'Mở ứng dụng VNPT SmartCA trên điện thoại và xác nhận yêu cầu ký có mã tài liệu này.',
  outOfTurns: 'Bạn đã hết lượt ký. Hãy mua thêm một gói lượt ký; thanh toán xong, việc ký sẽ tự tiếp tục.',
  paid: (added, before, after) =>
    `Thanh toán thành công, đã cộng ${added} lượt ký. ` + `Số lượt ký: trước ${before ?? '…'}, nay ${after ?? '…'}.`,
  announce: {
    preparing: 'Đang gửi yêu cầu ký tới SmartCA.',
    awaiting: 'Đang chờ bạn xác nhận trên ứng dụng SmartCA.',
    signed: 'Ký số thành công.',
    rejected: 'Yêu cầu ký đã bị từ chối trên ứng dụng SmartCA.',
    expired: 'Yêu cầu ký đã hết hạn vì chưa được xác nhận kịp thời.',
    cancelled: (until) =>
      `Đã dừng chờ. Yêu cầu ký vẫn còn trên ứng dụng SmartCA đến ${until} rồi tự hết hạn: ` +
      'đừng xác nhận yêu cầu đó.',
  },
  errors: {
    session: 'Phiên ký không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang.',
    turns: 'Chứng thư số đã hết lượt ký. Vui lòng mua thêm gói lượt ký.',
    certificate:
      'Chứng thư số đã hết hạn, bị thu hồi hoặc tạm dừng nên không ký được. Gia hạn trên ứng dụng VNPT SmartCA ' +
      'hoặc gọi tổng đài VNPT 1800 1260.',
    provider: 'SmartCA không thực hiện được yêu cầu ký. Vui lòng thử lại sau.',
    network: 'Không kết nối được tới máy chủ ký số. Kiểm tra kết nối mạng rồi thử lại.',
    implementation: 'Trang chưa được cấu hình đúng để ký số.',
  },
};
