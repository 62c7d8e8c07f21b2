/** The spec's `Profile`: a user as others see them. */
export interface ProfileView {
  username: string;
  bio: string;
  image: string;
  following: boolean;
}

export interface ProfileResponse {
  profile: ProfileView;
}
