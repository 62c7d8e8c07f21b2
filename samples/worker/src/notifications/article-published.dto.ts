import { IsArray, IsInt, IsISO8601, IsString, Length } from 'class-validator';

/**
 * What the RealWorld API announces on `articles.published` (its `ArticlePublished`), as this
 * service reads it: validated on arrival, an invalid one is dead-lettered without a retry.
 */
export class ArticlePublishedDto {
  @IsString() @Length(1, 300) slug!: string;
  @IsString() title!: string;
  @IsString() description!: string;
  @IsArray() @IsString({ each: true }) tagList!: string[];
  @IsInt() authorId!: number;
  @IsString() authorUsername!: string;
  @IsISO8601() publishedAt!: string;
}
