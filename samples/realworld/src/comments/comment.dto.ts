import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { LIMITS, NOT_BLANK } from '../common/validation';
import type { ProfileView } from '../profiles/profile.dto';

/** The fields of `POST /articles/:slug/comments`. */
export class NewCommentDto {
  @IsString()
  @Length(1, LIMITS.comment)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

/** `{"comment": {...}}` of `POST /articles/:slug/comments`. */
export class NewCommentRequest {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewCommentDto)
  comment!: NewCommentDto;
}

/** The spec's `Comment`. */
export interface CommentView {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: ProfileView;
}

export interface SingleCommentResponse {
  comment: CommentView;
}

export interface MultipleCommentsResponse {
  comments: CommentView[];
}
