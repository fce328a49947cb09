from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from logins import own_views, signin_views, views

app_name = "logins"
urlpatterns = [
    path("", views.invitation_list, name="list"),
    path("sheet/", views.class_sheet, name="sheet"),
    path("selection/", views.selection_sheet, name="selection_sheet"),
    path("participants/<int:pk>/invite/", views.invite, name="invite"),
    path("participants/<int:pk>/close/", views.close, name="close"),
    path("pairs/<int:pk>/sheet/", views.pair_sheet, name="pair_sheet"),
    path("<int:pk>/resend/", views.resend, name="resend"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("code/", signin_views.accept_code, name="code"),
    path("link/<str:token>/", signin_views.accept_link, name="accept_link"),
    path("me/<int:pk>/", own_views.questionnaire, name="questionnaire"),
    path("me/consents/", own_views.consents, name="consents"),
    path("me/surveys/", own_views.surveys, name="surveys"),
    path("me/surveys/<int:pk>/<int:participant>/", own_views.survey_answer, name="survey_answer"),
    path("me/<int:pk>/consents/<str:kind>/", own_views.consent_give, name="consent_give"),
    path("me/consents/<int:pk>/withdraw/", own_views.consent_withdraw, name="consent_withdraw"),
    path("account/", own_views.account, name="account"),
    path("account/sign-out-everywhere/", own_views.sign_out_all, name="sign_out_all"),
    path("account/password/", auth_views.PasswordChangeView.as_view(
        template_name="logins/password_form.html", success_url=reverse_lazy("logins:account"),
        extra_context={"title": "Смена пароля"}), name="password_change"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        template_name="logins/password_form.html", email_template_name="logins/password_reset_email.txt",
        subject_template_name="logins/password_reset_subject.txt", success_url=reverse_lazy("logins:reset_sent"),
        extra_context={"title": "Сброс пароля по e-mail"}), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="logins/message.html", extra_context={
            "title": "Письмо отправлено", "text": "Если такой адрес есть у учётной записи, на него пришло письмо "
                                                  "со ссылкой для нового пароля."}), name="reset_sent"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="logins/password_form.html", success_url=reverse_lazy("logins:reset_done"),
        extra_context={"title": "Новый пароль"}), name="reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="logins/message.html", extra_context={
            "title": "Пароль изменён", "text": "Войдите с новым паролем."}), name="reset_done"),
]
